package io.jgunicorn.container.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected {@link SocketChannel} in blocking mode. Reads go through the socket adaptor's stream
 * because only that honours {@code SO_TIMEOUT}; a plain channel read would wait forever.
 */
public final class Http1SocketTransport implements Http1Transport {

    private static final int LINGER_MILLIS = 100;
    private static final int LINGER_BYTES = 256 * 1024;

    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;

    public Http1SocketTransport(SocketChannel channel) {
        this.channel = channel;
        this.remote = inet(channel.socket().getRemoteSocketAddress());
        this.local = inet(channel.socket().getLocalSocketAddress());
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst, int timeoutMillis) throws IOException {
        Socket s = channel.socket();
        s.setSoTimeout(timeoutMillis);
        InputStream in = s.getInputStream();
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        OutputStream out = channel.socket().getOutputStream();
        out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
        src.position(src.limit());
    }

    /** One gathering write on the blocking channel (the same socket the adaptor's stream writes to). */
    @Override
    public void write(ByteBuffer first, ByteBuffer second) throws IOException {
        ByteBuffer[] both = {first, second};
        while (second.hasRemaining()) {
            channel.write(both);
        }
    }

    @Override
    public void transferFrom(java.nio.channels.FileChannel file, long position, long count) throws IOException {
        // the channel is in blocking mode: transferTo sends until the socket buffer is full, then blocks
        Http1Transport.sendfile(file, position, count, channel, () -> { });
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Closes; when the client's bytes are still unread (a refused or pipelined request), first
     * half-closes and drains them briefly, because closing with unread input makes the kernel send
     * a reset that can destroy the response still in flight to the client.
     */
    @Override
    public void close() {
        try {
            if (channel.isOpen() && channel.isBlocking() && channel.socket().getInputStream().available() > 0) {
                linger();
            }
        } catch (IOException | RuntimeException ignored) {
            // lingering is a courtesy; the close below is what matters
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer may already be gone
        }
    }

    private void linger() throws IOException {
        Socket s = channel.socket();
        s.shutdownOutput();
        s.setSoTimeout(LINGER_MILLIS);
        byte[] scratch = new byte[8192];
        long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
        int total = 0;
        try {
            for (int n; total < LINGER_BYTES && System.nanoTime() < deadline
                    && (n = s.getInputStream().read(scratch)) > 0; ) {
                total += n;
            }
        } catch (java.net.SocketTimeoutException enough) {
            // the client kept the connection open without sending: stop waiting
        }
    }
}
