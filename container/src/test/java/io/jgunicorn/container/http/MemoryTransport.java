package io.jgunicorn.container.http;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Bytes in as a list of chunks, bytes out into a buffer: a connection with no socket. */
final class MemoryTransport implements Http1Transport {

    private final Deque<byte[]> chunks;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final InetSocketAddress remote;
    private boolean closed;

    MemoryTransport(List<byte[]> chunks) {
        this(chunks, new InetSocketAddress("127.0.0.1", 40000));
    }

    MemoryTransport(List<byte[]> chunks, InetSocketAddress remote) {
        this.chunks = new ArrayDeque<>(chunks);
        this.remote = remote;
    }

    @Override
    public int read(ByteBuffer dst, int timeoutMillis) {
        byte[] next = chunks.peekFirst();
        if (next == null || closed) {
            return -1;
        }
        int n = Math.min(dst.remaining(), next.length);
        dst.put(next, 0, n);
        chunks.removeFirst();
        if (n < next.length) {
            chunks.addFirst(java.util.Arrays.copyOfRange(next, n, next.length));
        }
        return n;
    }

    @Override
    public synchronized void write(ByteBuffer src) {
        byte[] b = new byte[src.remaining()];
        src.get(b);
        out.writeBytes(b);
    }

    @Override public InetSocketAddress remoteAddress() { return remote; }
    @Override public InetSocketAddress localAddress() { return new InetSocketAddress("127.0.0.1", 8000); }
    @Override public void close() { closed = true; }

    boolean closed() { return closed; }

    byte[] output() { return out.toByteArray(); }

    String outputText() { return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1); }
}
