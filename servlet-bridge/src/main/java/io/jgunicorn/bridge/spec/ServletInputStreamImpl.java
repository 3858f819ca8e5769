package io.jgunicorn.bridge.spec;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The request body as a {@link ServletInputStream}, over the exchange's body stream. */
final class ServletInputStreamImpl extends ServletInputStream {

    private final ExchangeState state;
    private final InputStream in;
    private boolean finished;
    private long bytesRead;
    private ReadListener readListener;

    ServletInputStreamImpl(ExchangeState state, InputStream in) {
        this.state = state;
        this.in = in;
    }

    /** A byte {@link #awaitData} read ahead to learn that more had arrived, or -1. */
    private int peeked = -1;

    @Override
    public int read() throws IOException {
        if (peeked >= 0) {
            int b = peeked;
            peeked = -1;
            bytesRead++;
            return b;
        }
        int b = in.read();
        finished |= b < 0;
        bytesRead += b < 0 ? 0 : 1;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (peeked >= 0) {
            // the byte read ahead, and what else is there without blocking
            buffer[offset] = (byte) read();
            int more = Math.min(length - 1, in.available());
            int n = more > 0 ? in.read(buffer, offset + 1, more) : 0;
            bytesRead += Math.max(n, 0);
            return 1 + Math.max(n, 0);
        }
        int n = in.read(buffer, offset, length);
        finished |= n < 0;
        bytesRead += Math.max(n, 0);
        return n;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int available() throws IOException {
        return (peeked >= 0 ? 1 : 0) + in.available();
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    /**
     * With a ReadListener: true when a read returns without blocking (the end, a byte read ahead, or
     * body bytes already received). In blocking mode (no listener) always true, as before: a read
     * there simply waits.
     */
    @Override
    public boolean isReady() {
        if (readListener == null) {
            return true;
        }
        try {
            return finished || available() > 0;
        } catch (IOException e) {
            return true; // the read will report it
        }
    }

    /**
     * Blocks until a read would not: some body bytes have arrived (one is read ahead) or the body has
     * ended. The ReadListener emulation calls it on its container thread between two onDataAvailable.
     */
    void awaitData() throws IOException {
        if (finished || peeked >= 0 || in.available() > 0) {
            return;
        }
        int b = in.read();
        if (b < 0) {
            finished = true;
        } else {
            peeked = b;
        }
    }

    /**
     * The exchange offers no readiness callbacks, so non-blocking reads are emulated: a dispatched task
     * calls onDataAvailable (reads there may block briefly) and then onAllDataRead.
     */
    @Override
    public void setReadListener(ReadListener listener) {
        if (listener == null) {
            throw new NullPointerException("listener");
        }
        if (readListener != null || !state.request().isAsyncStarted()) {
            throw new IllegalStateException("read listener needs async mode and can be set once");
        }
        readListener = listener;
        state.nonBlocking().startReading(this, listener);
    }
}
