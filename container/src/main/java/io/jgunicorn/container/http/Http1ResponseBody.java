package io.jgunicorn.container.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The response body stream and its framing. Bytes are buffered until the buffer fills, a flush, or
 * the end of the exchange; a response that ends while still buffered gets a {@code Content-Length}.
 * Otherwise the body is chunked (HTTP/1.1) or delimited by closing the connection (HTTP/1.0).
 */
final class Http1ResponseBody extends OutputStream {

    enum Framing { NONE, LENGTH, CHUNKED, CLOSE }

    private static final int BUFFER = 8192;

    private final Http1Exchange exchange;
    private final Http1Transport transport;
    // starts small and grows to BUFFER at most: most bodies are far smaller, and this is per response
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private Framing framing;
    private long declared = -1;
    private long sent;
    private long wireBytes;
    private boolean finished;

    Http1ResponseBody(Http1Exchange exchange, Http1Transport transport) {
        this.exchange = exchange;
        this.transport = transport;
    }

    boolean committed() {
        return framing != null;
    }

    /** True when the body ended short of its Content-Length, so the connection cannot be reused. */
    boolean incomplete() {
        return framing == Framing.LENGTH && sent < declared;
    }

    /** Forgets what the application wrote but did not commit (for an error answer instead). */
    void discardBuffered() {
        buffer.reset();
    }

    long wireBytes() {
        return wireBytes;
    }

    /** Body bytes sent, before chunk framing (what Gunicorn's access log calls the response length). */
    long bodyBytes() {
        return sent;
    }

    Framing framing() {
        return framing;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("Response already complete");
        }
        if (framing == null && buffer.size() + len <= BUFFER) {
            buffer.write(b, off, len);
            return;
        }
        if (framing == null) {
            commit(false);
        }
        send(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (finished) {
            return;
        }
        if (framing == null) {
            commit(false);
        }
    }

    /** Applications may close the stream; the exchange still ends when handle() returns. */
    @Override
    public void close() throws IOException {
        flush();
    }

    /** Ends the body: commits if needed (with a known length), writes the last chunk and trailers. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        if (framing == null) {
            commit(true);
        }
        finished = true;
        if (framing == Framing.CHUNKED) {
            HttpFields trailers = exchange.trailerFields();
            Http1ResponseHead.validate(trailers);
            writeWire(Http1ResponseHead.encodeTrailers(trailers));
        }
    }

    /** Writes the head (and what is buffered). {@code complete}: the application has finished writing. */
    private void commit(boolean complete) throws IOException {
        HttpFields.Mutable h = exchange.responseHeaders();
        Http1ResponseHead.validate(h);
        exchange.validateReason();
        String cl = h.get(HttpHeader.CONTENT_LENGTH);
        if (complete && cl != null && !exchange.isHead() && parseLength(cl) < buffer.size()) {
            // known before a byte is written: answer 500 rather than a body cut short
            throw new Http1ResponseHead.InvalidHeaderException("Response body longer than its Content-Length " + cl);
        }
        framing = chooseFraming(h, complete);
        exchange.beforeCommit(framing);
        byte[] head = Http1ResponseHead.encode(exchange.responseVersion(), exchange.status(), exchange.reason(), h);
        byte[] body = buffer.toByteArray();
        buffer.reset();
        writeWire(head);
        send(body, 0, body.length);
    }

    private Framing chooseFraming(HttpFields.Mutable h, boolean complete) throws IOException {
        int status = exchange.status();
        boolean bodyless = status < 200 || status == 204 || status == 304;
        if (bodyless) {
            h.remove(HttpHeader.TRANSFER_ENCODING);
            if (status != 304) {
                h.remove(HttpHeader.CONTENT_LENGTH);
            }
            return Framing.NONE;
        }
        String cl = h.get(HttpHeader.CONTENT_LENGTH);
        h.remove(HttpHeader.TRANSFER_ENCODING); // framing is ours to choose, never the application's
        if (cl != null) {
            declared = parseLength(cl);
            return exchange.isHead() ? Framing.NONE : Framing.LENGTH;
        }
        boolean http11 = exchange.isHttp11();
        if (complete && exchange.isHead() && buffer.size() == 0) {
            return Framing.NONE; // a HEAD handler that wrote nothing: claiming length 0 would mislead
        }
        if (complete && !(http11 && exchange.hasTrailers())) {
            declared = buffer.size();
            h.put(HttpHeader.CONTENT_LENGTH, Long.toString(declared));
            return exchange.isHead() ? Framing.NONE : Framing.LENGTH;
        }
        if (exchange.isHead()) {
            return Framing.NONE;
        }
        if (http11) {
            h.put(HttpHeader.TRANSFER_ENCODING, "chunked");
            return Framing.CHUNKED;
        }
        return Framing.CLOSE;
    }

    private static long parseLength(String cl) throws Http1ResponseHead.InvalidHeaderException {
        try {
            long n = Long.parseLong(cl.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Http1ResponseHead.InvalidHeaderException("Invalid response Content-Length: " + cl);
    }

    private void send(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        switch (framing) {
            case NONE -> { }
            case LENGTH -> {
                if (sent + len > declared) {
                    throw new IOException("Response body longer than its Content-Length " + declared);
                }
                writeWire(b, off, len);
            }
            case CHUNKED -> {
                // one write per chunk: size line, data and CRLF together
                byte[] size = (Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] chunk = new byte[size.length + len + 2];
                System.arraycopy(size, 0, chunk, 0, size.length);
                System.arraycopy(b, off, chunk, size.length, len);
                chunk[chunk.length - 2] = '\r';
                chunk[chunk.length - 1] = '\n';
                writeWire(chunk);
            }
            case CLOSE -> writeWire(b, off, len);
        }
        sent += len;
    }

    private void writeWire(byte[] b) throws IOException {
        writeWire(b, 0, b.length);
    }

    private void writeWire(byte[] b, int off, int len) throws IOException {
        transport.write(ByteBuffer.wrap(b, off, len));
        wireBytes += len;
    }
}
