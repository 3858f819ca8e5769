package io.jgunicorn.bridge.spec;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import io.jgunicorn.container.spi.HttpExchange;
import java.io.IOException;

/**
 * The response body as the application writes it, straight into the exchange's response buffer
 * (the only one: {@link HttpExchange#responseBufferSize} is the servlet buffer size). The response
 * commits, status and headers applied first ({@link ExchangeState#commit}), just before a write that
 * would overflow that buffer, on flush, or once the declared content length has been written (the
 * spec then considers the response complete).
 */
public final class ServletOutputStreamImpl extends ServletOutputStream {

    private final ExchangeState state;
    private final HttpExchange exchange;
    private long written;
    private boolean closed;
    private boolean suspended;
    private boolean released;
    private WriteListener writeListener;

    ServletOutputStreamImpl(ExchangeState state) {
        this.state = state;
        this.exchange = state.exchange();
    }

    /** The request ended: later writes are dropped. */
    void release() {
        released = true;
        closed = true;
    }

    int bufferSize() { return exchange.responseBufferSize(); }
    long written() { return written; }
    boolean isClosed() { return closed; }

    /** After sendError/sendRedirect output is ignored until an error page (if any) is dispatched. */
    void suspend(boolean value) { suspended = value; }

    void bufferSize(int size) {
        if (written > 0) {
            throw new IllegalStateException("content has been written");
        }
        exchange.setResponseBufferSize(Math.max(size, 1));
    }

    /**
     * Drops what is buffered; it no longer counts as written, so a Content-Length set afterwards
     * (an error page's) is measured from what did go out.
     */
    void resetBuffer() {
        if (exchange.isCommitted()) {
            return;
        }
        if (!state.compressing()) { // compressed bytes are not the application's count
            written -= exchange.responseBuffered();
        }
        exchange.resetResponseBuffer();
    }

    /** Lets the response be written again (reset(), or an error page after sendError). */
    void reopen() {
        resetBuffer();
        closed = false;
        suspended = false;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed || suspended || released || length == 0) {
            return;
        }
        long limit = state.contentLengthLimit();
        if (limit >= 0 && written + length > limit) {
            length = (int) Math.max(0, limit - written);
        }
        if (!state.wroteBytes() && exchange.responseBuffered() + length > exchange.responseBufferSize()) {
            state.commit(); // the exchange commits with this write: the servlet's status and headers first
        }
        state.body().write(bytes, offset, length);
        written += length;
        completeIfLengthReached();
    }

    private void completeIfLengthReached() throws IOException {
        long limit = state.contentLengthLimit();
        if (limit >= 0 && written >= limit) {
            flush();
            closed = true;
        }
    }

    /** Commits the response (status, headers, compression); the bytes stay in the exchange's buffer. */
    void flushBuffer() throws IOException {
        state.commit();
    }

    /**
     * The body is complete: when all of it is still buffered, the exchange is told it is the whole
     * body (and decides its framing: a length); otherwise the rest goes out as usual.
     */
    void flushLast() throws IOException {
        if (suspended) {
            return;
        }
        if (!state.wholeBodyBuffered()) {
            flush();
            return;
        }
        state.commit();
        if (!state.compressing()) { // a gzip stream frames it (chunked); complete() finishes it
            exchange.responseBody().close();
        }
    }

    /**
     * Sends {@code count} bytes of {@code file} as the next part of the body: what is buffered
     * first, then the file by the exchange ({@code sendfile} where the transport allows it).
     * False when the response is compressed: nothing of the file was sent, the caller streams it.
     */
    boolean sendFile(java.nio.file.Path file, long position, long count) throws IOException {
        if (closed || suspended || released || count == 0) {
            return true;
        }
        long limit = state.contentLengthLimit();
        if (limit >= 0 && written + count > limit) {
            count = Math.max(0, limit - written);
        }
        flushBuffer();
        if (state.compressing()) {
            return false; // the bytes must go through gzip: the caller copies them through this stream
        }
        exchange.sendFile(file, position, count);
        written += count;
        completeIfLengthReached();
        return true;
    }

    @Override
    public void flush() throws IOException {
        if (suspended) {
            return;
        }
        flushBuffer();
        state.body().flush();
    }

    @Override
    public void close() throws IOException {
        if (closed || state.including()) {
            return;
        }
        if (!suspended) {
            flushLast();
        }
        closed = true;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    /** Writes never block for long in this bridge, so the listener is told at once that it may write. */
    @Override
    public void setWriteListener(WriteListener listener) {
        if (listener == null) {
            throw new NullPointerException("listener");
        }
        if (writeListener != null || !state.request().isAsyncStarted()) {
            throw new IllegalStateException("write listener needs async mode and can be set once");
        }
        writeListener = listener;
        state.nonBlocking().startWriting(listener);
    }
}
