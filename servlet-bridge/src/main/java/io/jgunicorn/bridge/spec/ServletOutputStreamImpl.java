package io.jgunicorn.bridge.spec;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/**
 * The response body as the application writes it: a buffer of {@code bufferSize} bytes in front of
 * the exchange. The response commits when the buffer overflows, on flush, or once the declared
 * content length has been written (the spec then considers the response complete).
 */
public final class ServletOutputStreamImpl extends ServletOutputStream {

    private final ExchangeState state;
    /** The response's buffer size as the API reports it; the array grows up to it (most bodies are small). */
    private int capacity;
    private byte[] buffer;
    private int count;
    private long written;
    private boolean closed;
    private boolean suspended;
    private WriteListener writeListener;

    ServletOutputStreamImpl(ExchangeState state, int bufferSize) {
        this.state = state;
        this.capacity = bufferSize;
        this.buffer = NONE;
    }

    private static final int INITIAL = 512;
    private static final byte[] NONE = new byte[0];
    /**
     * Default-sized buffers, reused from request to request: taken on the first write, given back
     * when the request ends ({@link #release}), so a request allocates none.
     */
    private static final int POOLED = ExchangeState.DEFAULT_BUFFER_SIZE;
    private static final java.util.concurrent.ArrayBlockingQueue<byte[]> POOL =
            new java.util.concurrent.ArrayBlockingQueue<>(256);
    private boolean released;

    /** The request ended: the buffer goes back to the pool and later writes are dropped. */
    void release() {
        released = true;
        closed = true;
        count = 0;
        if (buffer.length == POOLED) {
            POOL.offer(buffer);
        }
        buffer = NONE;
    }

    private void grow(int needed) {
        if (buffer.length == 0 && capacity <= POOLED) {
            byte[] pooled = POOL.poll();
            buffer = pooled != null ? pooled : new byte[POOLED];
            return;
        }
        buffer = java.util.Arrays.copyOf(buffer, Math.min(capacity, Math.max(Math.max(buffer.length * 2, INITIAL), needed)));
    }

    int bufferSize() { return capacity; }
    int buffered() { return count; }
    long written() { return written; }
    boolean isClosed() { return closed; }

    /** After sendError/sendRedirect output is ignored until an error page (if any) is dispatched. */
    void suspend(boolean value) { suspended = value; }

    void bufferSize(int size) {
        if (count > 0 || written > 0) {
            throw new IllegalStateException("content has been written");
        }
        capacity = Math.max(size, 1);
        if (buffer.length == POOLED) {
            POOL.offer(buffer);
        }
        buffer = NONE;
    }

    /**
     * Drops what is buffered; it no longer counts as written, so a Content-Length set afterwards
     * (an error page's) is measured from what did go out.
     */
    void resetBuffer() {
        written -= count;
        count = 0;
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
        if (count + length > capacity) {
            flushBuffer();
            if (length > capacity) {
                state.body().write(bytes, offset, length);
                written += length;
                completeIfLengthReached();
                return;
            }
        }
        if (count + length > buffer.length) {
            grow(count + length);
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
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

    /** Commits the response and hands buffered bytes to the exchange without flushing the socket. */
    void flushBuffer() throws IOException {
        state.commit();
        if (count > 0) {
            state.body().write(buffer, 0, count);
            count = 0;
        }
    }

    /**
     * The body is complete: when all of it is still here, the exchange gets it as the whole body
     * (and decides its framing: a length); otherwise the rest goes out as usual.
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
        int n = count;
        count = 0;
        if (state.compressing()) {
            state.body().write(buffer, 0, n); // the gzip stream frames it (chunked); complete() finishes it
            return;
        }
        state.exchange().writeLast(buffer, 0, n);
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
        state.exchange().sendFile(file, position, count);
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
