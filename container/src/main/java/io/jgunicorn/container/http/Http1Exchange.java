package io.jgunicorn.container.http;

import io.jgunicorn.container.spi.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;

/** One request/response on an {@link Http1Connection}; the application's view of it. */
final class Http1Exchange implements HttpExchange {

    private final Http1Connection connection;
    private final String method;
    private final HttpURI uri;
    private final HttpVersion version;
    private final HttpFields requestHeaders;
    private final long contentLength;
    private final InputStream body;
    /** Made on first use (most requests never ask): the header's value or PID-CONNECTION-N. */
    private String requestId;
    private final long requestNumber;
    private final Http1Origin origin;
    private final Http1ResponseBody out;

    private int status = 200;
    private String reason;
    private HttpFields.Mutable responseHeaders = HttpFields.build();
    private Supplier<HttpFields> trailers;
    private boolean keepAlive;
    private CompletableFuture<Void> async;
    private java.util.function.Consumer<io.jgunicorn.container.spi.UpgradedConnection> upgrade;

    Http1Exchange(Http1Connection connection, Http1RequestParser head, long requestNumber, Http1Origin origin,
                  boolean keepAlive) {
        this.connection = connection;
        this.method = head.method();
        this.uri = parseTarget(head.target());
        this.version = head.version();
        // the parser starts a new field list for the next request: this one is not touched again
        this.requestHeaders = head.fields();
        this.contentLength = head.contentLength();
        this.body = connection.requestBody();
        this.requestNumber = requestNumber;
        this.origin = origin;
        this.out = new Http1ResponseBody(this, connection.transport());
        this.keepAlive = keepAlive;
    }

    /**
     * Origin-form targets are path and query only: parsed as a URI, "//x/y" would turn "x" into an
     * authority, so "///keeping_slashes" must keep its slashes.
     */
    private static HttpURI parseTarget(String target) {
        // the mutable form is only ever read: an immutable copy would be a second object per request
        return target.startsWith("/") ? HttpURI.build().pathQuery(target) : HttpURI.from(target);
    }

    // --- request ---------------------------------------------------------------------------

    @Override public String method() { return method; }
    @Override public HttpURI uri() { return uri; }
    @Override public HttpVersion version() { return version; }
    @Override public HttpFields requestHeaders() { return requestHeaders; }
    @Override public long requestContentLength() { return contentLength; }
    @Override public InputStream requestBody() { return body; }
    @Override public HttpFields requestTrailers() { return connection.requestTrailers(); }
    @Override public InetSocketAddress remoteAddress() { return origin.remote(); }
    @Override public InetSocketAddress localAddress() { return connection.transport().localAddress(); }
    @Override public String scheme() { return origin.scheme(); }
    @Override public javax.net.ssl.SSLSession sslSession() { return connection.transport().sslSession(); }
    @Override public String serverName() { return origin.host(); }
    @Override public int serverPort() { return origin.port(); }
    @Override
    public String requestId() {
        String id = requestId;
        if (id == null) {
            id = Http1RequestIds.next(connection.settings(), requestHeaders, connection.id(), requestNumber);
            requestId = id;
        }
        return id;
    }
    @Override public String connectionId() { return connection.id(); }

    // --- response --------------------------------------------------------------------------

    @Override public void setStatus(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("Status out of range: " + status);
        }
        this.status = status;
    }

    @Override public int status() { return status; }
    @Override public void setReason(String reason) { this.reason = reason; }
    String reason() { return reason; }
    @Override public HttpFields.Mutable responseHeaders() { return responseHeaders; }
    @Override public OutputStream responseBody() { return out; }
    @Override public boolean isCommitted() { return out.committed(); }
    @Override public int responseBufferSize() { return out.bufferSize(); }
    @Override public void setResponseBufferSize(int size) { out.bufferSize(size); }
    @Override public int responseBuffered() { return out.buffered(); }
    @Override public void resetResponseBuffer() { out.discardBuffered(); }
    @Override public byte[] takeResponseBuffer() { return out.takeBuffered(); }
    @Override public void writeLast(byte[] b, int off, int len) throws IOException { out.writeLast(b, off, len); }

    @Override
    public void sendFile(java.nio.file.Path file, long position, long count) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            out.sendFile(ch, position, count);
        }
    }
    @Override public void setResponseTrailers(Supplier<HttpFields> trailers) { this.trailers = trailers; }
    @Override public void closeConnectionAfterResponse() { keepAlive = false; }

    @Override
    public void sendInterim(int interim, HttpFields headers) throws IOException {
        if (version != HttpVersion.HTTP_1_1 || out.committed() || interim < 100 || interim > 199) {
            return;
        }
        Http1ResponseHead.validate(headers);
        connection.writeInterim(Http1ResponseHead.encode("HTTP/1.1", interim, null, headers));
    }

    // --- protocol upgrade ------------------------------------------------------------------

    @Override
    public void upgrade(java.util.function.Consumer<io.jgunicorn.container.spi.UpgradedConnection> onUpgraded) {
        java.util.Objects.requireNonNull(onUpgraded, "onUpgraded");
        if (!connection.upgradeAllowed()) {
            throw new UnsupportedOperationException("HTTP upgrade needs a worker class that holds long connections"
                    + " (gthread, virtual or async); sync serves one request per connection");
        }
        if (version != HttpVersion.HTTP_1_1) {
            throw new UnsupportedOperationException("HTTP upgrade needs HTTP/1.1");
        }
        if (out.committed()) {
            throw new IllegalStateException("the response is already committed");
        }
        upgrade = onUpgraded;
    }

    /** The upgrade the application asked for, or null. */
    java.util.function.Consumer<io.jgunicorn.container.spi.UpgradedConnection> upgradeRequested() {
        return upgrade;
    }

    // --- asynchronous completion -----------------------------------------------------------

    @Override
    public synchronized AsyncHandle startAsync() {
        if (async == null) {
            async = new CompletableFuture<>();
        }
        CompletableFuture<Void> done = async;
        return new AsyncHandle() {
            @Override public void complete() { done.complete(null); }
            @Override public void dispatch(Runnable task) { Thread.ofVirtual().start(task); }
        };
    }

    @Override
    public synchronized boolean isAsync() {
        return async != null && !async.isDone();
    }

    /** The application failed: nobody will call complete(), so the connection must not wait for it. */
    synchronized void abandonAsync() {
        if (async != null) {
            async.complete(null);
        }
    }

    /** The completion the connection waits for after handle() returned, or null if not async. */
    synchronized CompletableFuture<Void> asyncCompletion() {
        return async;
    }

    // --- for the connection and the body stream -------------------------------------------------

    boolean isHead() { return "HEAD".equals(method); }
    boolean isHttp11() { return version == HttpVersion.HTTP_1_1; }
    String responseVersion() { return version == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1"; }
    boolean hasTrailers() { return trailers != null; }
    HttpFields trailerFields() { return trailers == null ? null : trailers.get(); }
    Http1ResponseBody out() { return out; }
    boolean keepAlive() { return keepAlive && !out.incomplete(); }

    void validateReason() throws IOException {
        Http1ResponseHead.validateReason(reason);
    }

    /** Last word on the Connection header, once the framing is known. */
    void beforeCommit(Http1ResponseBody.Framing framing) {
        if (upgrade != null && status == 101) {
            // the connection goes on in the new protocol: Connection names the upgrade, never close
            keepAlive = false;
            if (!responseHeaders.contains(HttpHeader.CONNECTION, "upgrade")) {
                responseHeaders.put(HttpHeader.CONNECTION, "Upgrade");
            }
            return;
        }
        String conn = responseHeaders.get(HttpHeader.CONNECTION);
        if (conn != null && conn.toLowerCase(java.util.Locale.ROOT).contains("close")) {
            keepAlive = false;
        }
        if (framing == Http1ResponseBody.Framing.CLOSE || connection.requestBody().awaitingContinue() || connection.closeForLeaving()) {
            keepAlive = false;
        }
        responseHeaders.remove(HttpHeader.CONNECTION);
        if (!keepAlive) {
            responseHeaders.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        } else if (version == HttpVersion.HTTP_1_0) {
            responseHeaders.put(HttpHeader.CONNECTION, HttpHeaderValue.KEEP_ALIVE.asString());
        }
    }

    /** Replaces whatever the application set with a plain error answer (nothing committed yet). */
    void resetForError(int errorStatus) {
        status = errorStatus;
        reason = null;
        trailers = null;
        keepAlive = false;
        responseHeaders = HttpFields.build();
        responseHeaders.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        out.discardBuffered();
    }

    static boolean requestWantsKeepAlive(HttpVersion version, HttpFields fields) {
        boolean close = false;
        boolean keep = false;
        for (int i = 0, n = fields.size(); i < n; i++) {
            HttpField f = fields.getField(i);
            if (f.getHeader() != HttpHeader.CONNECTION) {
                continue;
            }
            for (String v : f.getValues()) {
                close |= v.trim().equalsIgnoreCase("close");
                keep |= v.trim().equalsIgnoreCase("keep-alive");
            }
        }
        return version == HttpVersion.HTTP_1_1 ? !close : keep && !close;
    }
}
