package io.jgunicorn.container.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connected channel without a socket adaptor (Unix domain sockets have none, so no
 * {@code SO_TIMEOUT}): the channel is used non-blocking and waits happen in a private selector,
 * which gives reads their timeout. The channel is deregistered after every wait so a worker may
 * still switch it between blocking and non-blocking mode between requests.
 */
public final class Http1ChannelTransport implements Http1Transport {

    private static final InetSocketAddress LOCAL_PEER =
            new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);

    private final SocketChannel channel;
    private Selector waiter;

    public Http1ChannelTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst, int timeoutMillis) throws IOException {
        channel.configureBlocking(false);
        int n = channel.read(dst);
        if (n != 0) {
            return n;
        }
        if (!await(SelectionKey.OP_READ, timeoutMillis)) {
            throw new SocketTimeoutException("read timed out");
        }
        return channel.read(dst);
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        channel.configureBlocking(false);
        while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
                await(SelectionKey.OP_WRITE, 0);
            }
        }
    }

    private boolean await(int op, int timeoutMillis) throws IOException {
        if (waiter == null) {
            waiter = Selector.open();
        }
        SelectionKey key = channel.register(waiter, op);
        try {
            return waiter.select(timeoutMillis) > 0;
        } finally {
            key.cancel();
            waiter.selectNow(); // completes the deregistration
        }
    }

    /**
     * A Unix socket peer has no IP address; it is a process on this machine, so it is reported as
     * loopback (port 0), which also makes it trusted under the default {@code forwarded_allow_ips}.
     */
    @Override
    public InetSocketAddress remoteAddress() {
        return LOCAL_PEER;
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public void close() {
        try {
            channel.close();
            if (waiter != null) {
                waiter.close();
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
