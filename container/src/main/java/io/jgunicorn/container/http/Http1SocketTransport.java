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

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer may already be gone
        }
    }
}
