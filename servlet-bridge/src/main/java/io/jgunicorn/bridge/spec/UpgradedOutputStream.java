package io.jgunicorn.bridge.spec;

import io.jgunicorn.container.spi.UpgradedConnection;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The output of an upgraded connection. A write takes what the socket accepts at once and keeps the
 * rest (copied); {@link #isReady()} is false while such bytes wait, and once the socket has taken
 * them {@code onWritePossible} is called, if isReady() had said false. Until a {@link WriteListener}
 * is set the stream is blocking: a write returns once no more than {@value #BLOCKING_BACKLOG} bytes
 * wait, so a writer that ignores isReady() is held back by a slow peer instead of filling memory,
 * and one that asks isReady() (Tyrus does) learns that the peer is slow and can switch to the
 * listener. Nothing is buffered otherwise: bytes go to the socket as they are written, so
 * {@link #flush()} has nothing to do.
 */
final class UpgradedOutputStream extends ServletOutputStream {

    /** How long close() waits for a peer that does not read before dropping what is left. */
    static final long CLOSE_FLUSH_MILLIS = 5000;
    /** Bytes a blocking write may leave waiting for the socket. */
    static final int BLOCKING_BACKLOG = 64 * 1024;

    private final UpgradedConnection connection;
    private final ClassLoader loader;
    private ByteBuffer pending;
    private boolean notify;
    private boolean flushing;
    private volatile WriteListener listener;

    UpgradedOutputStream(UpgradedConnection connection, ClassLoader loader) {
        this.connection = connection;
        this.loader = loader;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        boolean arm;
        synchronized (this) {
            if (pending != null) {
                pending = append(pending, src); // written while isReady() was false: kept in order
            } else {
                connection.write(src);
                if (!src.hasRemaining()) {
                    return;
                }
                pending = ByteBuffer.allocate(src.remaining()).put(src).flip();
            }
            arm = !flushing;
            flushing = true;
        }
        if (arm) {
            connection.whenWritable(this::drain);
        }
        if (listener == null) {
            awaitBacklog(BLOCKING_BACKLOG);
        }
    }

    /** Blocking mode: waits until at most {@code limit} bytes are left for the socket. */
    private synchronized void awaitBacklog(int limit) throws IOException {
        while (pending != null && pending.remaining() > limit && connection.isOpen()) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while the peer did not read");
            }
        }
        if (!connection.isOpen()) {
            throw new IOException("connection closed");
        }
    }

    private static ByteBuffer append(ByteBuffer a, ByteBuffer b) {
        return ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip();
    }

    /** A connection thread: the socket can take more of what waits. */
    private void drain() {
        WriteListener l;
        synchronized (this) {
            try {
                if (pending != null) {
                    connection.write(pending);
                }
            } catch (IOException e) {
                pending = null;
                flushing = false;
                connection.close(); // a write that failed leaves the protocol's stream broken
                notifyAll();
                failed(e);
                return;
            }
            notifyAll();
            if (pending != null && pending.hasRemaining()) {
                connection.whenWritable(this::drain);
                return;
            }
            pending = null;
            flushing = false;
            l = notify ? listener : null;
            notify = false;
        }
        if (l != null) {
            call(l);
        }
    }

    private void call(WriteListener l) {
        try {
            io.jgunicorn.bridge.core.Tccl.run(loader, l::onWritePossible);
        } catch (Throwable t) {
            failed(t);
        }
    }

    private void failed(Throwable t) {
        WriteListener l = listener;
        if (l != null) {
            io.jgunicorn.bridge.core.Tccl.run(loader, () -> l.onError(t));
        }
    }

    @Override
    public synchronized boolean isReady() {
        if (pending == null) {
            return true;
        }
        notify = true;
        return false;
    }

    @Override
    public void flush() {
        // writes go straight to the socket; bytes still pending are sent as the peer reads
    }

    /** Sends what still waits (bounded), for close(): a protocol's last frame should reach the peer. */
    void finishPending() {
        ByteBuffer left;
        synchronized (this) {
            left = pending;
            pending = null;
            notifyAll();
        }
        if (left != null && connection.isOpen()) {
            try {
                connection.writeBlocking(left, CLOSE_FLUSH_MILLIS);
            } catch (IOException e) {
                // the peer is gone or does not read: closing is all that is left
            }
        }
    }

    @Override
    public void close() throws IOException {
        finishPending();
        connection.close();
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
        if (writeListener == null) {
            throw new NullPointerException("writeListener");
        }
        synchronized (this) {
            if (listener != null) {
                throw new IllegalStateException("the write listener is already set");
            }
            listener = writeListener;
        }
        connection.execute(() -> {
            if (isReady()) {
                call(writeListener);
            }
        });
    }
}
