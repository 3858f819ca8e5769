package io.jgunicorn.container.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A connected channel used non-blocking: a read or write that cannot go on waits in a selector,
 * which gives reads their timeout. Unix domain sockets are served this way because they have no
 * socket adaptor (so no {@code SO_TIMEOUT}); {@code gthread} serves TCP this way too, so a
 * connection can stay registered with the worker's selector between keep-alive requests instead of
 * being switched between blocking and non-blocking mode on every request.
 *
 * <p>The selector to wait in comes from {@code waiters}: a pool thread's own, reused for every
 * connection it serves. Where it gives none (a thread that must not wait, or no pool at all), a
 * selector of this connection's is opened on the first wait. The channel is deregistered from it
 * after every wait.
 */
public final class Http1ChannelTransport implements Http1Transport {

    private static final InetSocketAddress LOCAL_PEER =
            new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
    private static final int LINGER_MILLIS = 100;
    private static final int LINGER_BYTES = 256 * 1024;

    private final SocketChannel channel;
    private final Http1Waiter waiter;
    /** True when the serving thread may wait to linger on close (a pool or virtual thread, not the selector's). */
    private final BooleanSupplier mayLinger;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;

    /** A Unix socket (or any channel) that opens its own selector when it first has to wait. */
    public Http1ChannelTransport(SocketChannel channel) {
        this(channel, () -> null);
    }

    /**
     * @param waiters the current thread's selector to wait in, or null when this thread has none;
     *                a thread with one may also linger on close (see {@link #close})
     */
    public Http1ChannelTransport(SocketChannel channel, Supplier<Selector> waiters) {
        this(channel, Http1Waiter.selectors(waiters), () -> waiters.get() != null);
    }

    /**
     * @param waiter    how the serving thread waits for the socket
     * @param mayLinger true on a thread that may wait on close for unread client bytes (see {@link #close})
     */
    public Http1ChannelTransport(SocketChannel channel, Http1Waiter waiter, BooleanSupplier mayLinger) {
        this.channel = channel;
        this.waiter = waiter;
        this.mayLinger = mayLinger;
        InetSocketAddress r = null;
        InetSocketAddress l = null;
        try {
            r = inet(channel.getRemoteAddress());
            l = inet(channel.getLocalAddress());
        } catch (IOException e) {
            // a channel that cannot tell its addresses is reported as a local peer
        }
        this.remote = r;
        this.local = l;
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
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

    @Override
    public void transferFrom(java.nio.channels.FileChannel file, long position, long count) throws IOException {
        channel.configureBlocking(false);
        Http1Transport.sendfile(file, position, count, channel, () -> await(SelectionKey.OP_WRITE, 0));
    }

    @Override
    public void write(ByteBuffer first, ByteBuffer second) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer[] both = {first, second};
        while (second.hasRemaining()) {
            if (channel.write(both) == 0) {
                await(SelectionKey.OP_WRITE, 0);
            }
        }
    }

    private boolean await(int op, long timeoutMillis) throws IOException {
        return waiter.await(channel, op, timeoutMillis);
    }

    /**
     * A Unix socket peer has no IP address; it is a process on this machine, so it is reported as
     * loopback (port 0), which also makes it trusted under the default {@code forwarded_allow_ips}.
     */
    @Override
    public InetSocketAddress remoteAddress() {
        return remote != null ? remote : LOCAL_PEER;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Closes. On a thread that may wait, unread client bytes (a refused or pipelined request) are
     * first drained briefly after a half-close, as {@link Http1SocketTransport} does: closing with
     * unread input makes the kernel send a reset that can destroy the response still in flight.
     */
    @Override
    public void close() {
        try {
            if (mayLinger.getAsBoolean() && local != null && channel.isOpen()
                    && channel.socket().getInputStream().available() > 0) {
                linger();
            }
        } catch (IOException | RuntimeException ignored) {
            // lingering is a courtesy; the close below is what matters
        }
        try {
            channel.close();
            waiter.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    private void linger() throws IOException {
        channel.shutdownOutput();
        ByteBuffer scratch = ByteBuffer.allocate(8192);
        long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
        for (int total = 0; total < LINGER_BYTES; ) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            scratch.clear();
            int n = channel.read(scratch);
            if (n < 0 || (n == 0 && (left <= 0 || !await(SelectionKey.OP_READ, left)))) {
                return;
            }
            total += n;
        }
    }
}
