package io.jgunicorn.container.http;

import io.jgunicorn.container.spi.UpgradedConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 connection after {@code 101 Switching Protocols}: the transport (plain or TLS) and its
 * channel, now non-blocking for good, with the bytes that arrived after the request head served
 * first. Waiting is done in the worker's {@link Http1Reactor}, so an idle upgraded connection holds
 * no thread; blocking reads and writes park the calling (virtual) thread on a future the reactor
 * completes.
 *
 * <p>TLS writes are the exception: the engine's records are written whole, so {@link #write} on a
 * TLS connection waits until the peer has taken them.
 */
final class Http1UpgradedConnection implements UpgradedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(Http1UpgradedConnection.class);

    private final String id;
    private final Http1Transport transport;
    private final SocketChannel channel;
    private final Http1Reactor reactor;
    private ByteBuffer leftover;
    private final List<Runnable> closeTasks = new ArrayList<>();
    private final List<Runnable> shutdownTasks = new ArrayList<>();
    private Runnable readWaiter;
    private Runnable writeWaiter;
    private boolean shuttingDown;
    private volatile boolean closed;

    Http1UpgradedConnection(String id, Http1Transport transport, SocketChannel channel, ByteBuffer leftover,
                            Http1Reactor reactor) throws IOException {
        this.id = id;
        this.transport = transport;
        this.channel = channel;
        this.reactor = reactor;
        this.leftover = leftover.hasRemaining() ? leftover : null;
        channel.configureBlocking(false);
        if (transport.localAddress() != null) {
            // no request timeout any more: let the kernel find peers that vanished without a FIN
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (closed) {
            return -1;
        }
        synchronized (this) {
            if (leftover != null) {
                int n = Math.min(dst.remaining(), leftover.remaining());
                dst.put(leftover.slice(leftover.position(), n));
                leftover.position(leftover.position() + n);
                if (!leftover.hasRemaining()) {
                    leftover = null;
                }
                return n;
            }
        }
        return transport.readAvailable(channel, dst);
    }

    private synchronized boolean hasBuffered() {
        return leftover != null || transport.hasBuffered();
    }

    @Override
    public int readBlocking(ByteBuffer dst) throws IOException {
        while (true) {
            int n = read(dst);
            if (n != 0 || !dst.hasRemaining()) {
                return n;
            }
            await(SelectionKey.OP_READ, 0);
        }
    }

    @Override
    public void whenReadable(Runnable task) {
        if (closed || hasBuffered()) {
            execute(task);
            return;
        }
        synchronized (this) {
            readWaiter = task;
        }
        reactor.await(channel, SelectionKey.OP_READ, () -> fire(true));
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        if (transport.secure()) {
            int n = src.remaining();
            transport.write(src); // the TLS transport waits in a selector of its own while the peer is full
            return n;
        }
        return channel.write(src);
    }

    @Override
    public void writeBlocking(ByteBuffer src, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (src.hasRemaining()) {
            if (write(src) == 0) {
                long left = timeoutMillis == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (timeoutMillis != 0 && left <= 0) {
                    throw new SocketTimeoutException("write timed out");
                }
                await(SelectionKey.OP_WRITE, left);
            }
        }
    }

    @Override
    public void whenWritable(Runnable task) {
        if (closed) {
            execute(task);
            return;
        }
        synchronized (this) {
            writeWaiter = task;
        }
        reactor.await(channel, SelectionKey.OP_WRITE, () -> fire(false));
    }

    /** On the reactor thread: the socket is ready; the registered task runs on an application thread. */
    private void fire(boolean read) {
        Runnable task;
        synchronized (this) {
            task = read ? readWaiter : writeWaiter;
            if (read) {
                readWaiter = null;
            } else {
                writeWaiter = null;
            }
        }
        if (task != null) {
            execute(task);
        }
    }

    /** Parks the calling thread until the socket is ready for {@code op} (or closed). */
    private void await(int op, long timeoutMillis) throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        synchronized (this) {
            if (op == SelectionKey.OP_READ) {
                readWaiter = () -> ready.complete(null);
            } else {
                writeWaiter = () -> ready.complete(null);
            }
        }
        reactor.await(channel, op, () -> {
            Runnable task;
            synchronized (this) {
                task = op == SelectionKey.OP_READ ? readWaiter : writeWaiter;
                if (op == SelectionKey.OP_READ) {
                    readWaiter = null;
                } else {
                    writeWaiter = null;
                }
            }
            if (task != null) {
                task.run(); // only completes the future: cheap enough for the selector thread
            }
        });
        try {
            if (timeoutMillis > 0) {
                ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } else {
                ready.get();
            }
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("timed out waiting for the peer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void execute(Runnable task) {
        Thread.ofVirtual().name("upgraded-" + id).start(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("upgraded connection {}: callback failed", id, e);
            }
        });
    }

    @Override
    public void onShutdown(Runnable task) {
        boolean now;
        synchronized (this) {
            now = shuttingDown;
            if (!now) {
                shutdownTasks.add(task);
            }
        }
        if (now) {
            execute(task);
        }
    }

    /** The worker retires: tells the protocol (once). */
    void shutdown() {
        List<Runnable> tasks;
        synchronized (this) {
            if (shuttingDown) {
                return;
            }
            shuttingDown = true;
            tasks = List.copyOf(shutdownTasks);
            shutdownTasks.clear();
        }
        tasks.forEach(this::execute);
    }

    @Override
    public void whenClosed(Runnable task) {
        synchronized (this) {
            if (!closed) {
                closeTasks.add(task);
                return;
            }
        }
        execute(task);
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        List<Runnable> tasks;
        Runnable r;
        Runnable w;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            tasks = List.copyOf(closeTasks);
            closeTasks.clear();
            r = readWaiter;
            w = writeWaiter;
            readWaiter = null;
            writeWaiter = null;
        }
        transport.close();
        LOG.debug("upgraded connection {} closed", id);
        for (Runnable waiter : new Runnable[] {r, w}) {
            if (waiter != null) {
                execute(waiter);
            }
        }
        tasks.forEach(this::execute);
    }
}
