package io.jgunicorn.container.http;

import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import io.jgunicorn.container.spi.HttpApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
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
 * <p>The concerns around the loop live beside it: the input buffer ({@link Http1Input}), the PROXY
 * header read once before the first head ({@link Http1ProxyProtocol}), the request body with
 * {@code 100 Continue} and draining ({@link Http1RequestBody}), the response body and its framing
 * ({@link Http1ResponseBody}), error answers ({@link Http1ErrorAnswers}) and the running request as
 * the watchdog sees it ({@link Http1Serving}).
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
    private final Http1RequestBody body;
    private final Http1Serving serving;
    private final Http1Origin.Last origins = new Http1Origin.Last();
    /** Until the PROXY header was read (null when proxy_protocol is off, or once read). */
    private Http1ProxyProtocol proxy;
    private InetSocketAddress peer;
    private Http1Exchange exchange;
    private boolean failed;
    private long requests;
    private volatile boolean idle = true;
    private volatile boolean closed;
    private final Http1Upgrade upgrade;
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
        this.body = new Http1RequestBody(new Http1RequestBody.Source() {
            @Override public ByteBuffer input() { return input.buffer(); }
            @Override public int fill(int timeoutMillis) throws IOException { return input.fill(timeoutMillis); }
            @Override public boolean mayContinue() { return exchange != null && !exchange.isCommitted(); }
            @Override public void writeInterim(byte[] head) throws IOException { Http1Connection.this.writeInterim(head); }
        }, parser, settings);
        this.serving = new Http1Serving(lifecycle);
        this.upgrade = new Http1Upgrade(id, transport);
        this.peer = transport.remoteAddress();
        this.proxy = Http1ProxyProtocol.expected(settings, peer);
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
            if (upgrade.upgraded() == null) {
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
    public boolean readHead() throws IOException {
        while (!parseBufferedHead()) {
            boolean waitingForNext = requests > 0 && idle;
            int timeout = (waitingForNext ? settings.keepaliveSeconds() : settings.timeoutSeconds()) * 1000;
            int n;
            try {
                n = input.fill(timeout);
            } catch (SocketTimeoutException e) {
                return false;
            }
            if (n < 0) {
                return answerIncompleteHead();
            }
        }
        return true;
    }

    /** Parses what is buffered (here and in the transport); true once a head is complete or refused. Never blocks. */
    public boolean parseBufferedHead() {
        while (true) {
            boolean done = parseHeadOnce();
            if (done || !input.pullBuffered()) {
                return done;
            }
        }
    }

    private boolean parseHeadOnce() {
        if (parser.headComplete() || parser.error() != null) {
            return true;
        }
        ByteBuffer in = input.buffer();
        if (!in.hasRemaining()) {
            return false;
        }
        idle = false;
        if (proxy != null) {
            InetSocketAddress announced = proxy.read(in, parser);
            if (announced == null) {
                return parser.error() != null;
            }
            peer = announced;
            proxy = null;
        }
        parser.parseHead(in);
        return parser.headComplete() || parser.error() != null;
    }

    /**
     * The peer closed its side. Nothing sent: a plain close. Part of a head: answer 400 (the peer
     * may still read), as Gunicorn reports a truncated request line or header.
     */
    private boolean answerIncompleteHead() {
        if (idle && !input.buffer().hasRemaining()) {
            return false;
        }
        parser.atEof();
        parser.fail(400, "Incomplete request head");
        return true;
    }

    /** Non-blocking read for a selector thread; returns what {@code ch.read} returned. */
    public int fillFrom(ReadableByteChannel ch) throws IOException {
        return input.fillFrom(ch);
    }

    public boolean hasBufferedInput() {
        return input.hasBuffered();
    }

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
        if (!parser.headComplete() || parser.error() != null) {
            writeError(parser.errorStatus());
            return null;
        }
        requests++;
        serving.begin();
        if (!lifecycle.beginRequest()) {
            refused = true;
            retire.run(); // stop accepting now, before this response goes out
        }
        // while leaving, keep-alive only for a pipelined request already here (beforeCommit decides)
        boolean keep = keepAliveAllowed && settings.keepaliveSeconds() > 0
                && Http1Exchange.requestWantsKeepAlive(parser.version(), parser.fields());
        Http1Exchange ex;
        try {
            Http1Origin origin = origins.of(settings, peer, transport.localAddress(), parser.fields(), transport.secure());
            ex = new Http1Exchange(this, parser, requests, origin, keep);
        } catch (IllegalArgumentException badTarget) {
            // a target jetty's HttpURI cannot take (e.g. an encoded NUL), contradictory scheme headers
            LOG.debug("connection {}: bad request target: {}", id, badTarget.getMessage());
            writeError(400);
            return null;
        }
        exchange = ex;
        body.startRequest();
        serving.attach(ex);
        failed = false;
        try {
            try {
                app.handle(ex);
            } catch (Exception | Error failure) {
                Http1ErrorAnswers.afterFailure(ex, parser, failure);
                return ex;
            }
            Http1ErrorAnswers.afterBadBody(ex, parser);
        } catch (IOException e) {
            failed = true;
            LOG.debug("connection {}: {}", id, e.toString());
        }
        return ex;
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
            exchange = null;
        }
        if (upgrading) {
            try {
                upgrade.handOff(input, leavingNow(), ex.upgradeRequested());
            } catch (IOException e) {
                LOG.debug("connection {}: upgrade failed: {}", id, e.toString());
                close();
            }
        }
        if (reusable) {
            parser.reset();
            idle = true;
            input.giveBack();
        }
        return reusable;
    }

    private boolean leavingNow() {
        return refused || lifecycle.exitRequested() || leaving.getAsBoolean();
    }

    /** Answers a refused head; the connection closes after it. */
    private void writeError(int status) {
        Http1ErrorAnswers.refuse(transport, lifecycle, id, peer, status,
                parser.error() == null ? null : parser.error().getReason());
    }

    // --- for the exchange --------------------------------------------------------------------

    Http1Transport transport() { return transport; }
    Http1Settings settings() { return settings; }
    Http1RequestBody requestBody() { return body; }

    HttpFields requestTrailers() {
        return parser.isMessageComplete() ? parser.trailers() : null;
    }

    void writeInterim(byte[] head) throws IOException {
        transport.write(ByteBuffer.wrap(head));
    }

    boolean upgradeAllowed() {
        return upgrade.allowed();
    }

    /**
     * True when the response being committed must close the connection because the worker is
     * leaving: unless the next (pipelined) request is already here, in which case it is served too.
     */
    boolean closeForLeaving() {
        return leavingNow() && !(parser.isMessageComplete() && hasBufferedInput());
    }

    // --- for the worker ----------------------------------------------------------------------

    public String id() {
        return id;
    }

    /** True while waiting for the first byte of a request (safe to close on graceful shutdown). */
    public boolean isIdle() {
        return idle;
    }

    /** True once this connection has served a request (an idle one is then a keep-alive connection). */
    public boolean servedAny() {
        return requests > 0;
    }

    /** The running request, for the watchdog (hung requests). */
    public Http1Serving serving() {
        return serving;
    }

    /** Lets requests on this connection switch protocols ({@code 101}); waiting is done in {@code reactor}. */
    public void allowUpgrade(Http1Reactor reactor) {
        upgrade.allow(reactor);
    }

    /** True once the connection left HTTP after a 101: the worker must not close it, it closes itself. */
    public boolean isUpgraded() {
        return upgrade.upgraded() != null;
    }

    /** Runs {@code task} once the upgraded connection closes (see {@link #isUpgraded}). */
    public void whenUpgradedClosed(Runnable task) {
        upgrade.upgraded().whenClosed(task);
    }

    /**
     * The worker started leaving: an upgraded connection is told, so its protocol says goodbye
     * (WebSocket: 1001) and closes; whatever is still open at the graceful deadline is closed. HTTP
     * connections are not affected (they close as the leaving rules say).
     */
    public void goingAway() {
        Http1UpgradedConnection u = upgrade.upgraded();
        if (u != null) {
            u.shutdown();
        }
    }

    public void close() {
        Http1UpgradedConnection u = upgrade.upgraded();
        if (u != null) {
            u.close();
            return;
        }
        closed = true;
        transport.close();
    }

    public boolean isClosed() {
        Http1UpgradedConnection u = upgrade.upgraded();
        return closed || u != null && !u.isOpen();
    }
}
