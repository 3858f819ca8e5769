package io.jgunicorn.container.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;

/**
 * The request body of the connection's current request: reading it through the parser (framing,
 * length or chunked, is the parser's business), {@code 100 Continue} on the first read that needs
 * the client's bytes, and draining what the application left so the next request starts at its
 * first byte. One per connection, {@link #startRequest} for each request.
 *
 * <p>Content chunks are views of the connection's input buffer, not copies: a chunk is always
 * consumed before the buffer is filled (and compacted) again.
 */
final class Http1RequestBody extends InputStream {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Http1Input input;
    private final Http1Transport transport;
    private final Http1RequestParser parser;
    private final Http1Settings settings;
    /** The request's exchange, while it runs: 100 Continue must not follow its committed response. */
    private Http1Exchange exchange;
    private ByteBuffer pending;
    private boolean expectContinue;
    private boolean continueSent;

    Http1RequestBody(Http1Input input, Http1Transport transport, Http1RequestParser parser, Http1Settings settings) {
        this.input = input;
        this.transport = transport;
        this.parser = parser;
        this.settings = settings;
    }

    /** A new request head was parsed: its body, read by {@code ex}'s application, starts now. */
    void startRequest(Http1Exchange ex) {
        exchange = ex;
        pending = null;
        expectContinue = parser.version() == HttpVersion.HTTP_1_1
                && "100-continue".equalsIgnoreCase(parser.fields().get(HttpHeader.EXPECT));
        continueSent = false;
    }

    @Override
    public int read() throws IOException {
        ByteBuffer chunk = next();
        return chunk == null ? -1 : chunk.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        ByteBuffer chunk = next();
        if (chunk == null) {
            return -1;
        }
        int n = Math.min(len, chunk.remaining());
        chunk.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return pending == null ? 0 : pending.remaining();
    }

    /** The current chunk with bytes left, reading more as needed; null at the end of the body. */
    private ByteBuffer next() throws IOException {
        ByteBuffer in = input.buffer();
        while (true) {
            if (pending != null && pending.hasRemaining()) {
                return pending;
            }
            if (parser.error() != null) {
                throw new Http1BadRequestException(parser.errorStatus(), parser.error().getReason());
            }
            if (parser.isMessageComplete()) {
                return null;
            }
            if (parser.earlyEof()) {
                throw new EOFException("Request body ended early");
            }
            int before = in.remaining();
            parser.parse(in);
            pending = parser.takeContent();
            if (pending != null || parser.isMessageComplete() || parser.error() != null || in.remaining() < before) {
                continue;
            }
            sendContinue();
            if (input.fill(settings.timeoutSeconds() * 1000) < 0) {
                // no framing ends at EOF on the request side: a truncated body is an error
                parser.atEof();
                parser.fail(400, "Request body incomplete");
            }
        }
    }

    /**
     * Reads what the application left of the body (at most {@code max_drain_bytes}); true when the
     * body ended, so the connection can carry the next request.
     */
    boolean drain() throws IOException {
        if (parser.isMessageComplete()) {
            return true;
        }
        if (awaitingContinue()) {
            return false; // the client waits for our go-ahead: closing is cheaper than inviting the body
        }
        long drained = 0;
        while (drained <= settings.maxDrainBytes()) {
            ByteBuffer chunk = next();
            if (chunk == null) {
                return true;
            }
            drained += chunk.remaining();
            chunk.position(chunk.limit());
        }
        return false;
    }

    /** True when the client still waits for 100 Continue: its body will not be read, so we close. */
    boolean awaitingContinue() {
        return expectContinue && !continueSent && !parser.isMessageComplete();
    }

    /** The request ended: its exchange is not held while the connection waits for the next one. */
    void endRequest() {
        exchange = null;
    }

    private void sendContinue() throws IOException {
        if (expectContinue && !continueSent && exchange != null && !exchange.isCommitted()) {
            continueSent = true;
            transport.write(ByteBuffer.wrap(CONTINUE));
        }
    }
}
