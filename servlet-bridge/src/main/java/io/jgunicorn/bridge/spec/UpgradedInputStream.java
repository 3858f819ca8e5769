package io.jgunicorn.bridge.spec;

import io.jgunicorn.container.spi.UpgradedConnection;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The input of an upgraded connection. Blocking until a {@link ReadListener} is set; then
 * non-blocking for real: {@link #isReady()} reads what has arrived into a small buffer, and when
 * nothing has, asks the connection to call {@code onDataAvailable} once bytes come (the connection
 * waits in the worker's selector, holding no thread). The end of stream (the peer closed) is
 * reported through {@code onAllDataRead}, a failed read through {@code onError}, each once.
 */
final class UpgradedInputStream extends ServletInputStream {

    private static final int CHUNK = 8192;

    private final UpgradedConnection connection;
    private final ClassLoader loader;
    /** Bytes read ahead by isReady(), in read mode; null when none (an idle connection keeps no buffer). */
    private ByteBuffer ahead;
    private boolean eof;
    private boolean waiting;
    private boolean ended;
    private volatile ReadListener listener;

    UpgradedInputStream(UpgradedConnection connection, ClassLoader loader) {
        this.connection = connection;
        this.loader = loader;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            if (listener != null) {
                return -1; // non-blocking and nothing there: the caller should have asked isReady()
            }
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        synchronized (this) {
            if (ahead != null) {
                int n = Math.min(len, ahead.remaining());
                ahead.get(b, off, n);
                if (!ahead.hasRemaining()) {
                    ahead = null;
                }
                return n;
            }
            if (eof) {
                return -1;
            }
        }
        ByteBuffer dst = ByteBuffer.wrap(b, off, len);
        int n = listener == null ? connection.readBlocking(dst) : connection.read(dst);
        if (n < 0) {
            synchronized (this) {
                eof = true;
            }
        }
        return n;
    }

    @Override
    public synchronized int available() {
        return ahead == null ? 0 : ahead.remaining();
    }

    @Override
    public synchronized boolean isFinished() {
        return eof && ahead == null;
    }

    @Override
    public boolean isReady() {
        boolean arm;
        boolean end = false;
        synchronized (this) {
            if (ahead != null) {
                return true;
            }
            if (eof) {
                return false;
            }
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            int n;
            try {
                n = connection.read(buf);
            } catch (IOException e) {
                fail(e);
                return false;
            }
            if (n > 0) {
                ahead = buf.flip();
                return true;
            }
            if (n < 0) {
                eof = true;
                end = true;
            }
            arm = n == 0 && listener != null && !waiting;
            waiting |= arm;
        }
        if (end) {
            allDataRead();
        } else if (arm) {
            connection.whenReadable(this::readable);
        }
        return false;
    }

    /** A connection thread: bytes (or the end) arrived since isReady() said false. */
    private void readable() {
        synchronized (this) {
            waiting = false;
        }
        if (isReady()) {
            ReadListener l = listener;
            call(() -> l.onDataAvailable());
        }
    }

    private void allDataRead() {
        ReadListener l = listener;
        synchronized (this) {
            if (l == null || ended) {
                return;
            }
            ended = true;
        }
        call(() -> l.onAllDataRead());
    }

    private void fail(Throwable t) {
        ReadListener l = listener;
        synchronized (this) {
            eof = true;
            if (l == null || ended) {
                return;
            }
            ended = true;
        }
        connection.execute(() -> io.jgunicorn.bridge.core.Tccl.run(loader, () -> l.onError(t)));
    }

    private interface Callback {
        void run() throws IOException;
    }

    /** Runs a listener method with the application's loader; what it throws goes to onError. */
    private void call(Callback callback) {
        try {
            io.jgunicorn.bridge.core.Tccl.run(loader, callback::run);
        } catch (Throwable t) {
            fail(t);
        }
    }

    @Override
    public void setReadListener(ReadListener readListener) {
        if (readListener == null) {
            throw new NullPointerException("readListener");
        }
        synchronized (this) {
            if (listener != null) {
                throw new IllegalStateException("the read listener is already set");
            }
            listener = readListener;
        }
        connection.execute(this::readable); // "the first time it is possible to read"
    }
}
