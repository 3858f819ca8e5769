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

    @Override
    public int read() throws IOException {
        int b = in.read();
        finished |= b < 0;
        bytesRead += b < 0 ? 0 : 1;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
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
        return in.available();
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public boolean isReady() {
        return true;
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
