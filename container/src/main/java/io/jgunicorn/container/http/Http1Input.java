package io.jgunicorn.container.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A connection's input buffer, in read mode, and how it is filled: a blocking read with a timeout,
 * a non-blocking read for a selector thread, or the bytes the transport already holds (decrypted
 * TLS records). Between requests, when it holds nothing, the buffer goes back to a process-wide pool
 * (an idle keep-alive connection then holds none) and is taken again for the next read.
 */
final class Http1Input {

    static final int SIZE = 8192;
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);
    private static final ArrayBlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(256);

    private final Http1Transport transport;
    private ByteBuffer in = NONE;
    /** False once the buffer was handed to an upgraded connection: it is not ours to pool. */
    private boolean owned = true;

    Http1Input(Http1Transport transport) {
        this.transport = transport;
    }

    /** The buffered bytes, in read mode (the parser and the request body consume them in place). */
    ByteBuffer buffer() {
        return in;
    }

    boolean hasBuffered() {
        return in.hasRemaining() || transport.hasBuffered();
    }

    /** Blocking read; -1 at end of stream. */
    int fill(int timeoutMillis) throws IOException {
        take();
        in.compact();
        try {
            return transport.read(in, timeoutMillis);
        } finally {
            in.flip();
        }
    }

    /** Non-blocking read for a selector thread; returns what {@code ch.read} returned. */
    int fillFrom(ReadableByteChannel ch) throws IOException {
        take();
        in.compact();
        try {
            return transport.readAvailable(ch, in);
        } finally {
            in.flip();
        }
    }

    /** Moves bytes the transport already holds into the buffer; true when some came. Never blocks. */
    boolean pullBuffered() {
        if (!transport.hasBuffered()) {
            return false;
        }
        take();
        in.compact();
        try {
            return transport.readBuffered(in) > 0;
        } catch (IOException e) {
            return false; // the next blocking read reports it
        } finally {
            in.flip();
        }
    }

    /** Between requests, on the serving thread: an empty buffer goes back to the pool. */
    void giveBack() {
        if (!in.hasRemaining() && in.capacity() == SIZE && owned) {
            ByteBuffer b = in;
            in = NONE;
            POOL.offer(b);
        }
    }

    /** The connection ended on this thread, the last to use the buffer: whatever is left goes, the buffer too. */
    void discard() {
        in.clear().flip();
        giveBack();
    }

    /** The buffer (with the bytes after a 101) for the upgraded connection; it is no longer ours. */
    ByteBuffer handOver() {
        ByteBuffer b = in;
        in = NONE;
        owned = false;
        return b;
    }

    private void take() {
        if (in.capacity() == 0 && owned) {
            ByteBuffer b = POOL.poll();
            in = (b != null ? b.clear() : ByteBuffer.allocate(SIZE)).flip();
        }
    }
}
