package io.jgunicorn.container.worker;

import io.jgunicorn.container.http.Http1Connection;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One virtual thread per connection running plain blocking code (the role gevent and eventlet play
 * for Gunicorn). {@code worker_connections} permits cap the open connections; a permit is taken
 * before accepting and released when the connection's thread ends.
 *
 * <p>Leaving (see {@link WorkerSupport#retire}): the loop closes its listeners, then heartbeats until
 * every connection thread has ended; each connection finishes as {@link Http1Connection} describes.
 */
final class VirtualThreadWorker implements Worker {

    private final WorkerSupport support;
    private final int maxConnections;
    private final Semaphore permits;
    private final HungRequests hung;
    private volatile Selector selector;

    VirtualThreadWorker(WorkerContext ctx) {
        this.support = new WorkerSupport(ctx);
        this.maxConnections = ctx.config().integer("worker_connections");
        this.permits = new Semaphore(maxConnections);
        this.hung = new HungRequests(support.settings.timeoutSeconds(), maxConnections);
    }

    @Override
    public void run() throws IOException, InterruptedException {
        try (Selector sel = support.openAcceptSelector()) {
            selector = sel;
            while (support.running()) {
                heartbeat();
                if (!permits.tryAcquire(support.pollMillis(), TimeUnit.MILLISECONDS)) {
                    continue; // at the cap: leave connections in the accept queue for other workers
                }
                boolean handedOff = false;
                try {
                    handedOff = acceptOne(sel);
                } finally {
                    if (!handedOff) {
                        permits.release();
                    }
                }
            }
            // queued connections taken at TERM are served even past the cap: the listener is closing
            support.closeListeners(sel, ch -> start(ch, false));
            while (!support.finished(support.live.size())) {
                heartbeat();
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // the connections end on their own threads
            }
            support.closeRemaining();
        }
    }

    private void heartbeat() {
        if (hung.canServe(support.live)) {
            support.ctx.lifecycle().notifyAlive();
        }
    }

    /** Waits for one connection and starts its thread; true if the permit went with it. */
    private boolean acceptOne(Selector sel) throws IOException {
        sel.select(support.pollMillis());
        Iterator<SelectionKey> it = sel.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            SocketChannel ch = WorkerSupport.accept(key);
            if (ch != null) {
                start(ch, true); // accepted is owned: served even if the worker began leaving meanwhile
                return true;
            }
        }
        return false;
    }

    /** Serves a connection on a thread of its own; {@code permitTaken} says whether it holds a permit. */
    private void start(SocketChannel ch, boolean permitTaken) {
        try {
            ch.configureBlocking(true);
        } catch (IOException e) {
            closeQuietly(ch);
            if (permitTaken) {
                permits.release();
            }
            return;
        }
        Http1Connection c = support.newConnection(ch, true);
        Thread.ofVirtual().name("conn-" + c.id()).start(() -> serve(c, permitTaken));
    }

    private void serve(Http1Connection c, boolean permitTaken) {
        try {
            c.serve();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(VirtualThreadWorker.class).error("Error serving connection {}", c.id(), e);
            c.close();
        } finally {
            if (c.isUpgraded()) { // it left HTTP and keeps its permit until it closes
                c.whenUpgradedClosed(() -> release(c, permitTaken));
            } else {
                release(c, permitTaken);
            }
        }
    }

    private void release(Http1Connection c, boolean permitTaken) {
        support.closed(c);
        if (permitTaken) {
            permits.release();
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void shutdown(boolean graceful) {
        support.requestStop(graceful);
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
    }
}
