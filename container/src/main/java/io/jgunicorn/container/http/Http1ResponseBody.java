package io.jgunicorn.container.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The response body stream, its buffer and its framing, decided here and only here: the one buffer
 * between the application and the socket (the servlet bridge keeps none of its own). Bytes are
 * buffered until the buffer ({@link #bufferSize}, 8 KiB unless the application sets it) fills, a
 * flush, or the end of the exchange; a response that ends while still buffered gets a
 * {@code Content-Length}. Otherwise the body is chunked (HTTP/1.1) or delimited by closing the
 * connection (HTTP/1.0), and after the commit the buffer goes on collecting writes, so small writes
 * leave as one chunk per buffer. {@link #close()} says "this is the whole body" (as the end of the
 * exchange does); {@link #flush()} commits and sends what is buffered.
 *
 * <p>The buffered body and the head are assembled in one pooled array ({@link Http1Wire}) and go
 * out in one write: the body is kept {@link #HEAD_ROOM} bytes in, and the head, encoded after it,
 * is moved in front of it at commit.
 */
final class Http1ResponseBody extends OutputStream {

    enum Framing { NONE, LENGTH, CHUNKED, CLOSE }

    static final int DEFAULT_BUFFER = 8192;
    static final int HEAD_ROOM = 2048;

    private final Http1Exchange exchange;
    private final Http1Transport transport;
    /** The buffered body at [HEAD_ROOM, wire.length); taken from the pool on the first byte. */
    private Http1Wire wire;
    private Framing framing;
    private int bufferSize = DEFAULT_BUFFER;
    private long declared = -1;
    private long sent;
    private long wireBytes;
    private boolean finished;
    /** The application gave the whole body at once ({@link #writeLast}): its length holds, HEAD too. */
    private boolean whole;

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

    /** Forgets what the application wrote and was not sent yet (a reset, an error answer instead). */
    void discardBuffered() {
        if (wire != null) {
            wire.length = HEAD_ROOM;
        }
    }

    /** See {@link io.jgunicorn.container.spi.HttpExchange#takeResponseBuffer}. */
    byte[] takeBuffered() {
        if (wire == null) {
            return new byte[0];
        }
        byte[] taken = java.util.Arrays.copyOfRange(wire.bytes, HEAD_ROOM, wire.length);
        wire.length = HEAD_ROOM;
        return taken;
    }

    int buffered() {
        return wire == null ? 0 : wire.length - HEAD_ROOM;
    }

    int bufferSize() {
        return bufferSize;
    }

    void bufferSize(int size) {
        if (committed() || buffered() > 0) {
            throw new IllegalStateException("the response buffer is in use");
        }
        if (size < 0) {
            throw new IllegalArgumentException("buffer size " + size);
        }
        bufferSize = size;
    }

    private Http1Wire wire() {
        if (wire == null) {
            wire = Http1Wire.take();
            wire.length = HEAD_ROOM;
        }
        return wire;
    }

    /** Gives the pooled array back (the exchange ended, one way or another). */
    void release() {
        if (wire != null) {
            wire.release();
            wire = null;
        }
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
        if (buffered() + len <= bufferSize) {
            wire().put(b, off, len); // before the commit or after it: the buffer collects writes
            return;
        }
        if (framing != null) { // committed: what is buffered goes, these bytes take its place
            flushBuffered();
            if (len <= bufferSize) {
                wire().put(b, off, len);
                return;
            }
        } else {
            // committed by this write: the head, what was buffered and these bytes in one write
            tail = b;
            tailOff = off;
            tailLen = len;
            try {
                commit(false);
            } finally {
                tail = null;
            }
            if (tailSent) {
                tailSent = false;
                return;
            }
        }
        send(b, off, len);
    }

    /** The bytes of the write that commits, sent with the head when the framing lets them go as they are. */
    private byte[] tail;
    private int tailOff;
    private int tailLen;
    private boolean tailSent;

    @Override
    public void flush() throws IOException {
        if (finished) {
            return;
        }
        if (framing == null) {
            commit(false);
        } else {
            flushBuffered();
        }
    }

    /**
     * The application wrote the whole body: commits with a known length if it is still buffered.
     * The exchange still ends when handle() returns (or the asynchronous exchange completes).
     */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        if (framing == null) {
            commit(true);
        }
    }

    /** See {@link io.jgunicorn.container.spi.HttpExchange#sendFile}: the head first, then the file by sendfile. */
    void sendFile(java.nio.channels.FileChannel file, long position, long count) throws IOException {
        if (finished) {
            throw new IOException("Response already complete");
        }
        if (framing == null) {
            commit(false);
        } else {
            flushBuffered();
        }
        switch (framing) {
            case NONE -> sent += count;
            case LENGTH, CLOSE -> {
                if (framing == Framing.LENGTH && sent + count > declared) {
                    throw new IOException("Response body longer than its Content-Length " + declared);
                }
                transport.transferFrom(file, position, count);
                wireBytes += count;
                sent += count;
            }
            case CHUNKED -> { // chunk framing around the bytes: copied
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
                for (long done = 0; done < count; ) {
                    buf.clear().limit((int) Math.min(buf.capacity(), count - done));
                    int n = file.read(buf, position + done);
                    if (n < 0) {
                        throw new java.io.EOFException("file ended before " + count + " bytes");
                    }
                    send(buf.array(), 0, n);
                    done += n;
                }
            }
        }
    }

    /** See {@link io.jgunicorn.container.spi.HttpExchange#writeLast}. */
    void writeLast(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("Response already complete");
        }
        if (framing != null || exchange.responseHeaders().contains(HttpHeader.TRANSFER_ENCODING)
                || exchange.isHttp11() && exchange.hasTrailers()) { // trailers follow only a chunked body
            write(b, off, len);
            flush();
            return;
        }
        wire().put(b, off, len); // the whole body, however long: its length is what we are told
        whole = true;
        commit(true);
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
            // what is buffered as the last data chunk, then the last chunk and trailers: one write
            HttpFields trailers = exchange.trailerFields();
            Http1ResponseHead.validate(trailers);
            Http1Wire w = wire();
            sent += buffered();
            int from = frameChunk(w);
            Http1ResponseHead.encodeTrailers(w, trailers);
            writeWire(w.bytes, from, w.length - from);
        } else {
            flushBuffered();
        }
        release();
    }

    /** Sends what is buffered after the commit: as it is, or as one chunk. */
    private void flushBuffered() throws IOException {
        int n = buffered();
        if (n == 0) {
            return;
        }
        if (framing == Framing.CHUNKED) {
            int from = frameChunk(wire);
            writeWire(wire.bytes, from, wire.length - from);
            sent += n;
        } else {
            byte[] data = wire.bytes;
            wire.length = HEAD_ROOM;
            send(data, HEAD_ROOM, n); // the pooled array stays ours until the write returns
            return;
        }
        wire.length = HEAD_ROOM;
    }

    /**
     * Frames the buffered bytes as a chunk in place: the size line in the head room before them,
     * CRLF after. Returns where the chunk starts; an empty buffer is no chunk (returns the end).
     */
    private static int frameChunk(Http1Wire w) {
        int n = w.length - HEAD_ROOM;
        if (n == 0) {
            w.length = HEAD_ROOM;
            return HEAD_ROOM;
        }
        int digits = Math.max(1, (35 - Integer.numberOfLeadingZeros(n)) / 4);
        int from = HEAD_ROOM - digits - 2;
        int end = w.length;
        w.length = from;
        w.hexLine(n);
        w.length = end;
        w.crlf();
        return from;
    }

    /** Writes the head (and what is buffered). {@code complete}: the application has finished writing. */
    private void commit(boolean complete) throws IOException {
        HttpFields.Mutable h = exchange.responseHeaders();
        Http1ResponseHead.validate(h);
        exchange.validateReason();
        String cl = h.get(HttpHeader.CONTENT_LENGTH);
        if (complete && cl != null && !exchange.isHead() && parseLength(cl) < buffered()) {
            // known before a byte is written: answer 500 rather than a body cut short
            throw new Http1ResponseHead.InvalidHeaderException("Response body longer than its Content-Length " + cl);
        }
        framing = chooseFraming(h, complete);
        exchange.beforeCommit(framing);
        Http1Wire w = wire();
        int bodyEnd = w.length;
        int body = bodyEnd - HEAD_ROOM;
        Http1ResponseHead.encode(w, exchange.responseVersion(), exchange.status(), exchange.reason(), h);
        int head = w.length - bodyEnd;
        boolean chunk = framing == Framing.CHUNKED && body > 0;
        if (chunk) {
            w.hexLine(body); // the first chunk goes out with the head
        }
        int prefix = w.length - bodyEnd;
        if (prefix <= HEAD_ROOM && !(framing == Framing.LENGTH && body > declared)) {
            // one write: the head (and size line) moved in front of the buffered body
            int from = HEAD_ROOM - prefix;
            System.arraycopy(w.bytes, bodyEnd, w.bytes, from, prefix);
            int end = framing == Framing.NONE ? HEAD_ROOM : bodyEnd;
            if (chunk) { // room: the prefix (at least a CRLF) was encoded there
                w.bytes[end++] = '\r';
                w.bytes[end++] = '\n';
            }
            sent += body;
            if (tail != null && (framing == Framing.LENGTH || framing == Framing.CLOSE)
                    && !(framing == Framing.LENGTH && sent + tailLen > declared)) {
                transport.write(ByteBuffer.wrap(w.bytes, from, end - from), ByteBuffer.wrap(tail, tailOff, tailLen));
                wireBytes += end - from + tailLen;
                sent += tailLen;
                tailSent = true;
            } else {
                writeWire(w.bytes, from, end - from);
            }
            w.length = HEAD_ROOM;
            return;
        }
        // a head larger than HEAD_ROOM, or a body over its Content-Length: head, then body as usual
        byte[] headBytes = java.util.Arrays.copyOfRange(w.bytes, bodyEnd, bodyEnd + head);
        byte[] data = java.util.Arrays.copyOfRange(w.bytes, HEAD_ROOM, bodyEnd);
        w.length = HEAD_ROOM;
        writeWire(headBytes, 0, headBytes.length);
        send(data, 0, data.length);
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
        if (complete && !whole && exchange.isHead() && buffered() == 0) {
            return Framing.NONE; // a HEAD handler that wrote nothing: claiming length 0 would mislead
        }
        if (complete && (whole || !(http11 && exchange.hasTrailers()))) {
            declared = buffered();
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

    private void checkLength(int len) throws IOException {
        if (framing == Framing.LENGTH && sent + len > declared) {
            throw new IOException("Response body longer than its Content-Length " + declared);
        }
    }

    private void send(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        switch (framing) {
            case NONE -> { }
            case LENGTH, CLOSE -> {
                checkLength(len);
                writeWire(b, off, len);
            }
            case CHUNKED -> {
                // one write per chunk: size line, data and CRLF together
                Http1Wire w = wire();
                w.clear();
                w.hexLine(len).put(b, off, len).crlf();
                writeWire(w.bytes, 0, w.length);
                w.length = HEAD_ROOM;
            }
        }
        sent += len;
    }

    private void writeWire(byte[] b, int off, int len) throws IOException {
        transport.write(ByteBuffer.wrap(b, off, len));
        wireBytes += len;
    }
}
