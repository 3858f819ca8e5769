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
 */
final class VirtualThreadWorker implements Worker {

    private final WorkerSupport support;
    private final Semaphore permits;
    private volatile Selector selector;

    VirtualThreadWorker(WorkerContext ctx) {
        this.support = new WorkerSupport(ctx);
        this.permits = new Semaphore(ctx.intSetting("worker_connections", 1000));
    }

    @Override
    public void run() throws IOException, InterruptedException {
        try (Selector sel = support.openAcceptSelector()) {
            selector = sel;
            while (support.running()) {
                support.ctx.lifecycle().notifyAlive();
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
            sel.close();
            support.drain();
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
            if (ch != null && support.running()) {
                ch.configureBlocking(true);
                Http1Connection c = support.newConnection(ch, true);
                Thread.ofVirtual().name("conn-" + c.id()).start(() -> serve(c));
                return true;
            }
            if (ch != null) {
                ch.close();
            }
        }
        return false;
    }

    private void serve(Http1Connection c) {
        try {
            c.serve();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(VirtualThreadWorker.class).error("Error serving connection {}", c.id(), e);
            c.close();
        } finally {
            if (c.isUpgraded()) { // it left HTTP and keeps its permit until it closes
                c.whenUpgradedClosed(() -> release(c));
            } else {
                release(c);
            }
        }
    }

    private void release(Http1Connection c) {
        support.closed(c);
        permits.release();
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
