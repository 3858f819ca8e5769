package io.jgunicorn.container.http;

import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, as a loop: read a head, dispatch, finish the response, then reuse or close.
 *
 * <p>States: <b>idle</b> (no byte of the next request yet) →
 * <b>head</b> (bytes arrived, parsed as they come, by the caller's thread or a selector thread via
 * {@link #fillFrom}) → <b>serving</b> ({@link #serveRequest}: the application runs on the calling
 * thread, outside the parser's callbacks) → idle again when the response allows keep-alive and the
 * request body was read or drained, otherwise <b>closed</b>. A {@code 101} to a request whose
 * application asked for {@link io.jgunicorn.container.spi.HttpExchange#upgrade} leads to
 * <b>upgraded</b> instead: the socket leaves this loop for an {@link Http1UpgradedConnection}, which
 * closes it when the new protocol is done (or at the graceful deadline).
 *
 * <p>The concerns around the loop live beside it: the input buffer ({@link Http1Input}), reading a
 * head with its timeouts and the PROXY header before the first one ({@link Http1HeadReader}), the
 * request body with {@code 100 Continue} and draining ({@link Http1RequestBody}), the response body
 * and its framing ({@link Http1ResponseBody}), running the application and the error answers
 * ({@link Http1ErrorAnswers}), the running request as the watchdog sees it ({@link Http1Serving})
 * and the hand-off after a {@code 101} ({@link Http1Upgrade}).
 *
 * <p>While the worker is leaving (max requests, memory, a signal), nothing here is cut short: a
 * connection that was accepted but has sent nothing yet is read and answered, a pipelined request
 * already received is served, and every other response carries {@code Connection: close}. An idle
 * keep-alive connection ends only as it always does, when {@code keepalive} passes with no byte of a
 * next request (docs/process-model.md says why that is safe for clients).
 */
public final class Http1Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Http1Connection.class);

    private final Http1Transport transport;
    private final HttpApplication app;
    private final WorkerLifecycle lifecycle;
    private final Http1Settings settings;
    private final String id;
    private final boolean keepAliveAllowed;
    private final Runnable retire;
    private final BooleanSupplier leaving;
    private final Http1RequestParser parser;
    private final Http1Input input;
    private final Http1HeadReader head;
    private final Http1RequestBody body;
    private final Http1Serving serving;
    /** {@link Http1Upgrade#NONE} unless the worker can hold upgraded connections ({@link #allowUpgrade}). */
    private Http1Upgrade upgrade = Http1Upgrade.NONE;
    private final Http1Origin.Last origins = new Http1Origin.Last();
    private boolean failed;
    private long requests;
    private volatile boolean closed;
    /** The lifecycle refused more requests: this worker is leaving. */
    private boolean refused;

    /**
     * @param keepAliveAllowed false for {@code sync}: every response closes the connection
     * @param retire           called when the lifecycle refused more requests (the worker should stop)
     */
    public Http1Connection(Http1Transport transport, HttpApplication app, WorkerLifecycle lifecycle,
                           Http1Settings settings, String id, boolean keepAliveAllowed, Runnable retire) {
        this(transport, app, lifecycle, settings, id, keepAliveAllowed, retire, () -> false);
    }

    /** @param leaving true once the worker is leaving (a signal): responses then close their connection */
    public Http1Connection(Http1Transport transport, HttpApplication app, WorkerLifecycle lifecycle,
                           Http1Settings settings, String id, boolean keepAliveAllowed, Runnable retire,
                           BooleanSupplier leaving) {
        this.transport = transport;
        this.app = app;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.id = id;
        this.keepAliveAllowed = keepAliveAllowed;
        this.retire = retire;
        this.leaving = leaving;
        this.parser = new Http1RequestParser(settings);
        this.input = new Http1Input(transport);
        this.head = new Http1HeadReader(input, parser, settings, transport.remoteAddress());
        this.body = new Http1RequestBody(input, transport, parser, settings);
        this.serving = new Http1Serving(lifecycle);
    }

    /** Serves requests until the connection is closed; for thread-per-connection workers. */
    public void serve() {
        try {
            while (readHead() && serveRequest()) {
                // next request on the same connection
            }
        } catch (IOException e) {
            LOG.debug("connection {} ended: {}", id, e.toString());
        } finally {
            if (!isUpgraded()) {
                close();
                input.discard(); // this thread was the last to use it
            }
        }
    }

    // --- head ------------------------------------------------------------------------------

    /**
     * Blocks until a request head is complete or refused (true), or the peer went away or stayed
     * idle past the keep-alive/timeout (false).
     */
    public boolean readHead() throws IOException { return head.read(); }

    /** Parses what is buffered (here and in the transport); true once a head is complete or refused. Never blocks. */
    public boolean parseBufferedHead() { return head.parseBuffered(); }

    /** Non-blocking read for a selector thread; returns what {@code ch.read} returned. */
    public int fillFrom(ReadableByteChannel ch) throws IOException { return input.fillFrom(ch); }

    public boolean hasBufferedInput() { return input.hasBuffered(); }

    // --- serving ---------------------------------------------------------------------------

    /**
     * Serves the request whose head {@link #parseBufferedHead} completed, waiting on this thread
     * if the application went asynchronous. Returns true when the connection may carry another request.
     */
    public boolean serveRequest() {
        Http1Exchange ex = begin();
        if (ex == null) {
            return false;
        }
        var async = ex.asyncCompletion();
        if (async != null) {
            async.join();
        }
        return end(ex);
    }

    /**
     * Like {@link #serveRequest} but never waits for an asynchronous exchange: the returned future
     * completes (on the thread that called {@code complete()}) once the response is finished.
     */
    public CompletableFuture<Boolean> serveRequestDetached() {
        Http1Exchange ex = begin();
        if (ex == null) {
            return CompletableFuture.completedFuture(false);
        }
        var async = ex.asyncCompletion();
        if (async == null || async.isDone()) {
            return CompletableFuture.completedFuture(end(ex));
        }
        serving.detachThread(); // the thread goes back to its pool while the exchange waits
        return async.handle((ok, failure) -> end(ex));
    }

    /** Starts the exchange and runs the application; null when the head was refused (answered). */
    private Http1Exchange begin() {
        if (!head.accepted()) {
            refuse(parser.errorStatus());
            return null;
        }
        requests++;
        serving.begin();
        if (!lifecycle.beginRequest()) {
            refused = true;
            retire.run(); // stop accepting now, before this response goes out
        }
        Http1Exchange ex = newExchange();
        if (ex != null) {
            body.startRequest(ex);
            serving.attach(ex);
            failed = !Http1ErrorAnswers.run(app, ex, parser);
        }
        return ex;
    }

    /** The exchange for the head just parsed; null (answered with 400) when it cannot be one. */
    private Http1Exchange newExchange() {
        // while leaving, keep-alive only for a pipelined request already here (beforeCommit decides)
        boolean keep = keepAliveAllowed && settings.keepaliveSeconds() > 0
                && Http1Exchange.requestWantsKeepAlive(parser.version(), parser.fields());
        try {
            Http1Origin origin = origins.of(settings, head.peer(), transport.localAddress(), parser.fields(), transport.secure());
            return new Http1Exchange(this, parser, requests, origin, keep);
        } catch (IllegalArgumentException badTarget) {
            // a target jetty's HttpURI cannot take (e.g. an encoded NUL), contradictory scheme headers
            LOG.debug("connection {}: bad request target: {}", id, badTarget.getMessage());
            refuse(400);
            return null;
        }
    }

    /** Finishes the response, drains the body, reports the request; true if the connection is reusable. */
    private boolean end(Http1Exchange ex) {
        boolean reusable = false;
        boolean upgrading = false;
        try {
            if (!failed) {
                Http1ErrorAnswers.finish(ex);
                upgrading = ex.upgradeRequested() != null && ex.status() == 101 && body.drain();
                reusable = ex.upgradeRequested() == null && ex.keepAlive() && body.drain();
            }
        } catch (IOException e) {
            LOG.debug("connection {}: {}", id, e.toString());
        } finally {
            ex.out().release();
            serving.end(ex);
            body.endRequest();
        }
        if (upgrading && !upgrade.handOff(input, leavingNow(), ex.upgradeRequested())) {
            close();
        }
        if (reusable) {
            head.next();
        }
        return reusable;
    }

    private boolean leavingNow() {
        return refused || lifecycle.exitRequested() || leaving.getAsBoolean();
    }

    /** Answers a refused head; the connection closes after it. */
    private void refuse(int status) {
        Http1ErrorAnswers.refuse(transport, lifecycle, id, head.peer(), status, parser);
    }

    // --- for the exchange --------------------------------------------------------------------

    Http1Transport transport() { return transport; }
    Http1Settings settings() { return settings; }
    Http1RequestBody requestBody() { return body; }
    HttpFields requestTrailers() { return parser.isMessageComplete() ? parser.trailers() : null; }
    void writeInterim(byte[] interim) throws IOException { transport.write(ByteBuffer.wrap(interim)); }
    boolean upgradeAllowed() { return upgrade.allowed(); }

    /**
     * True when the response being committed must close the connection because the worker is
     * leaving: unless the next (pipelined) request is already here, in which case it is served too.
     */
    boolean closeForLeaving() {
        return leavingNow() && !(parser.isMessageComplete() && input.hasBuffered());
    }

    // --- for the worker ----------------------------------------------------------------------

    public String id() { return id; }

    /** True while waiting for the first byte of a request (safe to close on graceful shutdown). */
    public boolean isIdle() { return head.idle(); }

    /** True once this connection has served a request (an idle one is then a keep-alive connection). */
    public boolean servedAny() { return requests > 0; }

    /** The running request, for the watchdog (hung requests). */
    public Http1Serving serving() { return serving; }

    /** At setup, before the first request: requests may switch protocols ({@code 101}), waiting in {@code reactor}. */
    public void allowUpgrade(Http1Reactor reactor) { upgrade = new Http1Upgrade(id, transport, reactor); }

    /** True once the connection left HTTP after a 101: the worker must not close it, it closes itself. */
    public boolean isUpgraded() { return upgrade.upgraded() != null; }

    /** Runs {@code task} once the upgraded connection closes (see {@link #isUpgraded}). */
    public void whenUpgradedClosed(Runnable task) { upgrade.upgraded().whenClosed(task); }

    /**
     * The worker started leaving: an upgraded connection is told, so its protocol says goodbye
     * (WebSocket: 1001) and closes; whatever is still open at the graceful deadline is closed. HTTP
     * connections are not affected (they close as the leaving rules say).
     */
    public void goingAway() { upgrade.goingAway(); }

    public void close() {
        if (!upgrade.closeUpgraded()) {
            closed = true;
            transport.close();
        }
    }

    public boolean isClosed() { return closed || upgrade.upgradedClosed(); }
}
