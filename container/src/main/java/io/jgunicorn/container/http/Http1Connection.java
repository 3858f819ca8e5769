package io.jgunicorn.container.http;

import io.jgunicorn.container.lifecycle.RequestRecord;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
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
    private final java.util.function.BooleanSupplier leaving;
    private final Http1RequestParser parser;
    /**
     * Input, in read mode. Between requests, when it holds nothing, it goes back to a pool (an idle
     * keep-alive connection then holds no buffer) and is taken again for the next read.
     */
    private ByteBuffer in = NO_INPUT;
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);
    private static final int INPUT_SIZE = 8192;
    private static final java.util.concurrent.ArrayBlockingQueue<ByteBuffer> INPUTS =
            new java.util.concurrent.ArrayBlockingQueue<>(256);
    /** False once the input was handed to an upgraded connection: it is not ours to pool. */
    private boolean inputOwned = true;
    private final Http1RequestBody body;
    private String lastHost;
    private Http1Origin lastOrigin;
    private boolean lastOriginPlain;
    private Http1Exchange exchange;
    private InetSocketAddress peer;
    private boolean proxyHeaderDone;
    private long requestStart;
    /** Wall-clock start, taken only when someone records requests (an Instant per request costs). */
    private Instant requestStartedAt;
    private boolean failed;
    private byte prevHeadByte;
    private long requests;
    private volatile boolean idle = true;
    private volatile boolean closed;
    private Http1Reactor upgrades;
    private volatile Http1UpgradedConnection upgraded;
    /** While a request runs: when it started (nanoTime), its exchange and the thread running it. */
    private volatile long servingSince;
    private volatile Http1Exchange serving;
    private volatile Thread servingThread;
    private volatile boolean reportedHung;
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
                           java.util.function.BooleanSupplier leaving) {
        this.leaving = leaving;
        this.transport = transport;
        this.app = app;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.id = id;
        this.keepAliveAllowed = keepAliveAllowed;
        this.retire = retire;
        this.parser = new Http1RequestParser(settings);
        this.body = new Http1RequestBody(new Http1RequestBody.Source() {
            @Override public ByteBuffer input() { return in; }
            @Override public int fill(int timeoutMillis) throws IOException { return Http1Connection.this.fill(timeoutMillis); }
            @Override public boolean mayContinue() { return exchange != null && !exchange.isCommitted(); }
            @Override public void writeInterim(byte[] head) throws IOException { Http1Connection.this.writeInterim(head); }
        }, parser, settings);
        this.peer = transport.remoteAddress();
    }

    public String id() {
        return id;
    }

    Http1Transport transport() {
        return transport;
    }

    Http1Settings settings() {
        return settings;
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
            if (upgraded == null) {
                close();
                in.clear().flip(); // this thread was the last to use it
                giveInputBack();
            }
        }
    }

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
                n = fill(timeout);
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
            if (done || !pullBuffered()) {
                return done;
            }
        }
    }

    /** Moves bytes the transport already holds (decrypted TLS records) into the input buffer. */
    private boolean pullBuffered() {
        if (!transport.hasBuffered()) {
            return false;
        }
        takeInput();
        in.compact();
        try {
            return transport.readBuffered(in) > 0;
        } catch (IOException e) {
            return false; // the next blocking read reports it
        } finally {
            in.flip();
        }
    }

    private boolean parseHeadOnce() {
        if (parser.headComplete() || parser.error() != null) {
            return true;
        }
        if (!in.hasRemaining()) {
            return false;
        }
        idle = false;
        if (!proxyHeaderDone && !readProxyHeader()) {
            return parser.error() != null;
        }
        int before = in.position();
        parser.parse(in);
        refuseBareLineEnds(before, in.position());
        return parser.headComplete() || parser.error() != null;
    }

    /**
     * jetty accepts a lone LF as a line end (RFC 9112 allows it); Gunicorn refuses it and so do we:
     * a proxy that disagrees on line ends is how requests get smuggled. Only head bytes are scanned.
     */
    private void refuseBareLineEnds(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = in.get(i);
            if (b == '\n' && prevHeadByte != '\r' || prevHeadByte == '\r' && b != '\n') {
                parser.fail(400, "Bare CR or LF in request head");
                return;
            }
            prevHeadByte = b;
        }
    }

    /** The optional PROXY header before the first request; false while more bytes are needed. */
    private boolean readProxyHeader() {
        if (settings.proxyProtocol().equals("off")) {
            proxyHeaderDone = true;
            return true;
        }
        try {
            Http1ProxyProtocol.Result r = Http1ProxyProtocol.parse(in, settings.proxyProtocol());
            if (!r.complete()) {
                return false;
            }
            proxyHeaderDone = true;
            if (r.source() != null && !Http1Origin.trusted(settings.proxyAllowFrom(), transport.remoteAddress())) {
                parser.fail(403, "PROXY header from a peer not in proxy_allow_ips");
                return false;
            }
            if (r.source() != null) {
                peer = r.source();
            }
            return true;
        } catch (org.eclipse.jetty.http.HttpException.RuntimeException bad) {
            parser.fail(bad.getCode(), bad.getReason());
            return false;
        }
    }

    /**
     * The peer closed its side. Nothing sent: a plain close. Part of a head: answer 400 (the peer
     * may still read), as Gunicorn reports a truncated request line or header.
     */
    private boolean answerIncompleteHead() {
        if (idle && !in.hasRemaining()) {
            return false;
        }
        parser.atEof();
        parser.fail(400, "Incomplete request head");
        return true;
    }

    /** Non-blocking read for a selector thread; returns what {@code ch.read} returned. */
    public int fillFrom(ReadableByteChannel ch) throws IOException {
        takeInput();
        in.compact();
        try {
            return transport.readAvailable(ch, in);
        } finally {
            in.flip();
        }
    }

    public boolean hasBufferedInput() {
        return in.hasRemaining() || transport.hasBuffered();
    }

    private int fill(int timeoutMillis) throws IOException {
        takeInput();
        in.compact();
        try {
            return transport.read(in, timeoutMillis);
        } finally {
            in.flip();
        }
    }

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
        servingThread = null; // the thread goes back to its pool while the exchange waits
        return async.handle((ok, failure) -> end(ex));
    }

    /** Starts the exchange and runs the application; null when the head was refused (answered). */
    private Http1Exchange begin() {
        if (!parser.headComplete() || parser.error() != null) {
            writeError(parser.errorStatus());
            return null;
        }
        requests++;
        requestStart = System.nanoTime();
        requestStartedAt = lifecycle.recordsRequests() ? Instant.now() : null;
        if (!lifecycle.beginRequest()) {
            refused = true;
            retire.run(); // stop accepting now, before this response goes out
        }
        // while leaving, keep-alive only for a pipelined request already here (beforeCommit decides)
        boolean keep = keepAliveAllowed && settings.keepaliveSeconds() > 0
                && Http1Exchange.requestWantsKeepAlive(parser.version(), parser.fields());
        Http1Exchange ex;
        try {
            Http1Origin origin = origin();
            ex = new Http1Exchange(this, parser, requests, origin, keep);
        } catch (IllegalArgumentException badTarget) {
            // a target jetty's HttpURI cannot take (e.g. an encoded NUL), contradictory scheme headers
            LOG.debug("connection {}: bad request target: {}", id, badTarget.getMessage());
            writeError(400);
            return null;
        }
        exchange = ex;
        body.startRequest();
        serving = ex;
        servingThread = Thread.currentThread();
        reportedHung = false;
        servingSince = requestStart;
        failed = false;
        try {
            dispatch(ex);
        } catch (IOException e) {
            failed = true;
            LOG.debug("connection {}: {}", id, e.toString());
        }
        return ex;
    }

    /**
     * The request's origin; the previous request's when nothing it depends on changed (same Host,
     * no scheme or forwarded headers), as on a keep-alive connection it nearly always is.
     */
    private Http1Origin origin() {
        String host = parser.fields().get(HttpHeader.HOST);
        boolean plain = Http1Origin.headerFree(settings, parser.fields());
        if (plain && lastOriginPlain && lastOrigin != null && host != null && host.equals(lastHost)) {
            return lastOrigin;
        }
        Http1Origin origin = Http1Origin.of(settings, peer, transport.localAddress(), parser.fields(), transport.secure());
        lastHost = host;
        lastOrigin = origin;
        lastOriginPlain = plain;
        return origin;
    }

    /** Finishes the response, drains the body, reports the request; true if the connection is reusable. */
    private boolean end(Http1Exchange ex) {
        boolean reusable = false;
        boolean upgrade = false;
        try {
            if (!failed) {
                finish(ex);
                upgrade = ex.upgradeRequested() != null && ex.status() == 101 && body.drain();
                reusable = ex.upgradeRequested() == null && ex.keepAlive() && body.drain();
            }
        } catch (IOException e) {
            LOG.debug("connection {}: {}", id, e.toString());
        } finally {
            ex.out().release();
            long duration = System.nanoTime() - requestStart;
            lifecycle.endRequest(ex.status(), ex.out().wireBytes(), duration);
            if (lifecycle.recordsRequests()) { // nobody listening: no record to build per request
                Instant started = requestStartedAt != null ? requestStartedAt : Instant.now().minusNanos(duration);
                lifecycle.requestCompleted(new RequestRecord(started, duration, Http1ErrorAnswers.remoteText(ex.remoteAddress()),
                        ex.method(), ex.uri().toString(), ex.version().asString(), ex.status(), ex.out().wireBytes(),
                        ex.requestHeaders(), ex.responseHeaders(), ex.requestId(), ex.out().bodyBytes()));
            }
            exchange = null;
            servingSince = 0;
            serving = null;
            servingThread = null;
        }
        if (upgrade) {
            handOff(ex);
        }
        if (reusable) {
            prevHeadByte = 0;
            parser.reset();
            idle = true;
            giveInputBack();
        }
        return reusable;
    }

    /** The 101 went out: the connection leaves HTTP and belongs to the application's protocol. */
    private void handOff(Http1Exchange ex) {
        try {
            upgraded = new Http1UpgradedConnection(id, transport, transport.channel(), in, upgrades);
        } catch (IOException e) {
            LOG.debug("connection {}: upgrade failed: {}", id, e.toString());
            close();
            return;
        }
        in = NO_INPUT;
        inputOwned = false;
        if (refused || lifecycle.exitRequested() || leaving.getAsBoolean()) {
            upgraded.shutdown(); // upgraded while the worker is leaving: goodbye at once
        }
        Http1UpgradedConnection now = upgraded;
        now.execute(() -> ex.upgradeRequested().accept(now));
    }

    /** Runs the application; turns its failures into a 500 (or the body's 4xx) while that is possible. */
    private void dispatch(Http1Exchange ex) throws IOException {
        try {
            app.handle(ex);
        } catch (Exception | Error failure) {
            ex.abandonAsync();
            int status = parser.error() != null ? parser.errorStatus() : parser.earlyEof() ? 400 : 500;
            if (ex.isCommitted()) {
                throw new IOException("application failed after commit", failure);
            }
            if (status == 500) {
                LOG.error("Error handling request {} {}", ex.method(), ex.uri(), failure);
            }
            Http1ErrorAnswers.writeTo(ex, status);
            return;
        }
        if (parser.error() != null && !ex.isAsync()) {
            // the body was malformed: whatever the application made of the failed read (often a
            // 500), the client is told what was wrong with its request
            if (ex.isCommitted()) {
                if (ex.status() == parser.errorStatus()) {
                    return; // the application already answered with it (BadRequestException)
                }
                throw new IOException("request body refused after the response was committed");
            }
            Http1ErrorAnswers.writeTo(ex, parser.errorStatus());
        }
    }

    /** Ends the response; headers refused at this late commit still get a clean 500. */
    private void finish(Http1Exchange ex) throws IOException {
        try {
            ex.out().finish();
        } catch (Http1ResponseHead.InvalidHeaderException refused) {
            if (ex.isCommitted()) {
                throw refused;
            }
            LOG.error("Refused response to {} {}: {}", ex.method(), ex.uri(), refused.getMessage());
            Http1ErrorAnswers.writeTo(ex, 500);
            ex.out().finish();
        }
    }

    // --- request body, through Http1RequestBody -----------------------------------------------

    Http1RequestBody requestBody() {
        return body;
    }

    HttpFields requestTrailers() {
        return parser.isMessageComplete() ? parser.trailers() : null;
    }

    void writeInterim(byte[] head) throws IOException {
        transport.write(ByteBuffer.wrap(head));
    }

    // --- errors and closing ------------------------------------------------------------------

    /** Answers a refused head; the connection closes after it. */
    private void writeError(int status) {
        Http1ErrorAnswers.refuse(transport, lifecycle, id, peer, status,
                parser.error() == null ? null : parser.error().getReason());
    }

    /** True while waiting for the first byte of a request (safe to close on graceful shutdown). */
    public boolean isIdle() {
        return idle;
    }

    /**
     * The worker started leaving: an upgraded connection is told, so its protocol says goodbye
     * (WebSocket: 1001) and closes; whatever is still open at the graceful deadline is closed. HTTP
     * connections are not affected (they close as the leaving rules say).
     */
    public void goingAway() {
        Http1UpgradedConnection u = upgraded;
        if (u != null) {
            u.shutdown();
        }
    }

    /** Lets requests on this connection switch protocols ({@code 101}); waiting is done in {@code reactor}. */
    public void allowUpgrade(Http1Reactor reactor) {
        this.upgrades = reactor;
    }

    boolean upgradeAllowed() {
        return upgrades != null && transport.channel() != null;
    }

    /** True once the connection left HTTP after a 101: the worker must not close it, it closes itself. */
    public boolean isUpgraded() {
        return upgraded != null;
    }

    /** Runs {@code task} once the upgraded connection closes (see {@link #isUpgraded}). */
    public void whenUpgradedClosed(Runnable task) {
        upgraded.whenClosed(task);
    }

    /**
     * True when the response being committed must close the connection because the worker is
     * leaving: unless the next (pipelined) request is already here, in which case it is served too.
     */
    boolean closeForLeaving() {
        return (refused || lifecycle.exitRequested() || leaving.getAsBoolean())
                && !(parser.isMessageComplete() && hasBufferedInput());
    }

    /** True once this connection has served a request (an idle one is then a keep-alive connection). */
    public boolean servedAny() {
        return requests > 0;
    }

    /** nanoTime when the running request started, or 0 between requests. */
    public long servingSince() {
        return servingSince;
    }

    /** The running request's line, for logs; null between requests. */
    public String servingLine() {
        Http1Exchange ex = serving;
        return ex == null ? null : ex.method() + " " + ex.uri() + " " + ex.version().asString();
    }

    /** The thread running the current request, or null (between requests, or waiting asynchronously). */
    public Thread servingThread() {
        return servingThread;
    }

    /** True the first time it is called for the running request (a hung request is reported once). */
    public boolean markReportedHung() {
        if (reportedHung) {
            return false;
        }
        reportedHung = true;
        return true;
    }

    public void close() {
        Http1UpgradedConnection u = upgraded;
        if (u != null) {
            u.close();
            return;
        }
        closed = true;
        transport.close();
    }

    public boolean isClosed() {
        Http1UpgradedConnection u = upgraded;
        return closed || u != null && !u.isOpen();
    }

    /** Replaces the socket peer with what a PROXY protocol header announced. */
    void setPeer(InetSocketAddress peer) {
        this.peer = peer;
    }

    ByteBuffer input() {
        return in;
    }

    private void takeInput() {
        if (in.capacity() == 0 && inputOwned) {
            ByteBuffer b = INPUTS.poll();
            in = (b != null ? b.clear() : ByteBuffer.allocate(INPUT_SIZE)).flip();
        }
    }

    /** Between requests, on the serving thread: an empty input goes back to the pool. */
    private void giveInputBack() {
        if (!in.hasRemaining() && in.capacity() == INPUT_SIZE && inputOwned) {
            ByteBuffer b = in;
            in = NO_INPUT;
            INPUTS.offer(b);
        }
    }
}
