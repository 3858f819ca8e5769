package io.jgunicorn.container.worker;

import io.jgunicorn.container.http.Http1Connection;
import io.jgunicorn.container.http.Http1Settings;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Gunicorn's {@code sync}: one connection at a time, one request per connection, then
 * {@code Connection: close}. The heartbeat runs only between requests, so a request that hangs
 * stops it and the arbiter kills the worker. Slow clients block it: put a buffering proxy in front.
 *
 * <p>Leaving: a connection accepted is served to its end; at TERM the connections still waiting in
 * the listen queue are taken first, the listeners closed, and those connections served in order.
 */
final class SyncWorker implements Worker {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncWorker.class);

    private final WorkerSupport support;
    private volatile Http1Connection current;
    private volatile Selector selector;

    SyncWorker(WorkerContext ctx) {
        // a stalled client is cut off at half the worker timeout, before the arbiter would kill us
        Http1Settings s = Http1Settings.from(ctx.config());
        this.support = new WorkerSupport(ctx, s.withTimeoutSeconds(Math.max(1, s.timeoutSeconds() / 2)));
    }

    @Override
    public void run() throws IOException {
        try (Selector sel = support.openAcceptSelector()) {
            selector = sel;
            while (support.running()) {
                support.ctx.lifecycle().notifyAlive();
                sel.select(support.pollMillis());
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext() && support.running()) {
                    SelectionKey key = it.next();
                    it.remove();
                    serveOne(WorkerSupport.accept(key));
                }
            }
            List<SocketChannel> queued = new ArrayList<>();
            support.closeListeners(sel, queued::add);
            for (SocketChannel ch : queued) {
                if (support.finished(1)) {
                    closeQuietly(ch); // a quick stop, or the graceful timeout has passed
                    continue;
                }
                serveOne(ch);
            }
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    private void serveOne(SocketChannel ch) throws IOException {
        if (ch == null) {
            return;
        }
        ch.configureBlocking(true);
        Http1Connection c = support.newConnection(ch, false);
        current = c;
        try {
            if (c.readHead()) {
                c.serveRequest();
            }
        } catch (IOException e) {
            // the client went away mid-request: nothing to answer
        } catch (RuntimeException e) {
            // one bad connection must never take the worker down
            LOG.error("Error serving connection {}", c.id(), e);
        } finally {
            c.close();
            support.closed(c);
            current = null;
        }
        support.ctx.lifecycle().notifyAlive();
    }

    @Override
    public void shutdown(boolean graceful) {
        support.requestStop(graceful);
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
        Http1Connection c = current;
        if (c != null && !graceful) {
            c.close();
        }
    }
}
