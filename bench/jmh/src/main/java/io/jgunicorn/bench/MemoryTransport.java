package io.jgunicorn.bench;

import io.jgunicorn.container.http.Http1Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A connection with no socket: replays the same request bytes (several pipelined requests) each
 * time it is reset, in reads of at most {@code readSize} bytes as a socket would hand them over,
 * and counts the response bytes instead of keeping them (the counting keeps the JIT honest).
 */
final class MemoryTransport implements Http1Transport {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8000);

    private final byte[] input;
    private final int readSize;
    private int position;
    private long written;
    private StringBuilder capture;

    MemoryTransport(byte[] input, int readSize) {
        this.input = input;
        this.readSize = readSize;
    }

    MemoryTransport reset() {
        position = 0;
        written = 0;
        return this;
    }

    long written() {
        return written;
    }

    /** Keeps the response bytes from now on (for the setup checks, not while measuring). */
    MemoryTransport capture() {
        capture = new StringBuilder();
        return this;
    }

    String captured() {
        String out = capture.toString();
        capture = null;
        return out;
    }

    @Override
    public int read(ByteBuffer dst, int timeoutMillis) {
        if (position >= input.length) {
            return -1;
        }
        int n = Math.min(Math.min(dst.remaining(), readSize), input.length - position);
        dst.put(input, position, n);
        position += n;
        return n;
    }

    @Override
    public void write(ByteBuffer src) {
        written += src.remaining();
        if (capture != null) {
            while (src.hasRemaining()) {
                capture.append((char) (src.get() & 0xff));
            }
        }
        src.position(src.limit());
    }

    @Override public InetSocketAddress remoteAddress() { return REMOTE; }
    @Override public InetSocketAddress localAddress() { return LOCAL; }
    @Override public void close() { }
}
