package io.jgunicorn.bridge.testkit;

import io.jgunicorn.container.spi.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;

/**
 * An in-memory {@link HttpExchange}: request bytes in, status, headers and body bytes out. It
 * snapshots the headers at commit so tests can check what really went out, drops HEAD bodies as the
 * real connection layer does, and runs async dispatches on fresh threads.
 */
public final class FakeExchange implements HttpExchange {

    private final String method;
    private final HttpURI uri;
    private final HttpFields.Mutable requestHeaders = HttpFields.build();
    private byte[] requestBody = new byte[0];
    private HttpFields trailers;
    private String scheme = "http";
    private int status = 200;
    private String reason;
    private final HttpFields.Mutable responseHeaders = HttpFields.build();
    private HttpFields committedHeaders;
    private int committedStatus = -1;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** The response buffer, as the real exchange has one: bytes not yet committed. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int bufferSize = 8192;
    private Supplier<HttpFields> responseTrailers;
    private boolean closeConnection;
    private volatile boolean async;
    private final CountDownLatch completed = new CountDownLatch(1);
    private InputStream bodyStream;
    private HttpVersion version = HttpVersion.HTTP_1_1;
    private javax.net.ssl.SSLSession sslSession;

    public FakeExchange(String method, String target) {
        this.method = method;
        this.uri = HttpURI.from(target);
        requestHeaders.put("Host", "localhost:8080");
    }

    public static FakeExchange get(String target) {
        return new FakeExchange("GET", target);
    }

    public FakeExchange header(String name, String value) {
        requestHeaders.add(name, value);
        return this;
    }

    public FakeExchange body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public FakeExchange body(byte[] bytes) {
        requestBody = bytes;
        requestHeaders.put("Content-Length", Integer.toString(bytes.length));
        return this;
    }

    public FakeExchange trailers(HttpFields fields) {
        trailers = fields;
        return this;
    }

    public FakeExchange https() {
        scheme = "https";
        return this;
    }

    /** Over TLS, the client having presented {@code chain} (none: an empty array). */
    public FakeExchange https(java.security.cert.Certificate... chain) {
        scheme = "https";
        sslSession = (javax.net.ssl.SSLSession) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {javax.net.ssl.SSLSession.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getPeerCertificates" -> {
                        if (chain.length == 0) {
                            throw new javax.net.ssl.SSLPeerUnverifiedException("no client certificate");
                        }
                        yield chain.clone();
                    }
                    case "getCipherSuite" -> "TLS_AES_128_GCM_SHA256";
                    case "getProtocol" -> "TLSv1.3";
                    case "getId" -> new byte[] {1, 2, 3};
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake TLS session";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return this;
    }

    @Override
    public javax.net.ssl.SSLSession sslSession() {
        return sslSession;
    }

    public FakeExchange version(HttpVersion value) {
        version = value;
        return this;
    }

    // --- results -------------------------------------------------------------------------------

    /** The status that went out (the one at commit, or the final one). */
    public int responseStatus() {
        return committedStatus >= 0 ? committedStatus : status;
    }

    /** The headers that went out. */
    public HttpFields sentHeaders() {
        return committedHeaders != null ? committedHeaders : responseHeaders;
    }

    public String sentHeader(String name) {
        return sentHeaders().get(name);
    }

    public byte[] responseBytes() {
        return body.toByteArray();
    }

    public String responseText() {
        return body.toString(StandardCharsets.UTF_8);
    }

    public boolean isComplete() {
        return completed.getCount() == 0;
    }

    /** Waits for an async exchange to complete; polling with a deadline, never sleeping blindly. */
    public boolean awaitComplete(long seconds) throws InterruptedException {
        return completed.await(seconds, TimeUnit.SECONDS);
    }

    public Supplier<HttpFields> responseTrailerSupplier() {
        return responseTrailers;
    }

    public boolean closeRequested() {
        return closeConnection;
    }

    /** Called by the test after handle() returns, as the connection layer would. */
    public void endIfNotAsync() {
        if (!async) {
            commit();
            completed.countDown();
        }
    }

    private void commit() {
        if (committedHeaders == null) {
            committedStatus = status;
            committedHeaders = responseHeaders.asImmutable();
        }
        if (pending.size() > 0) {
            if (!"HEAD".equals(method)) {
                body.writeBytes(pending.toByteArray());
            }
            pending.reset();
        }
    }

    // --- HttpExchange ---------------------------------------------------------------------------

    @Override public String method() { return method; }
    @Override public HttpURI uri() { return uri; }
    @Override public HttpVersion version() { return version; }
    @Override public HttpFields requestHeaders() { return requestHeaders; }

    @Override
    public long requestContentLength() {
        String length = requestHeaders.get("Content-Length");
        return length == null ? (requestHeaders.contains("Transfer-Encoding") ? -1 : 0) : Long.parseLong(length);
    }

    @Override
    public synchronized InputStream requestBody() {
        if (bodyStream == null) {
            bodyStream = new ByteArrayInputStream(requestBody);
        }
        return bodyStream;
    }

    @Override public HttpFields requestTrailers() { return trailers; }
    @Override public InetSocketAddress remoteAddress() { return new InetSocketAddress("127.0.0.1", 50000); }
    @Override public InetSocketAddress localAddress() { return new InetSocketAddress("127.0.0.1", 8080); }
    @Override public String scheme() { return scheme; }
    @Override public String serverName() { return "localhost"; }
    @Override public int serverPort() { return 8080; }
    @Override public String requestId() { return "req-1"; }
    @Override public String connectionId() { return "conn-1"; }

    @Override
    public void setStatus(int status) {
        if (committedHeaders == null) {
            this.status = status;
        }
    }

    @Override public int status() { return status; }
    @Override public void setReason(String reason) { this.reason = reason; }
    public String reason() { return reason; }
    @Override public HttpFields.Mutable responseHeaders() { return responseHeaders; }

    @Override
    public OutputStream responseBody() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (committedHeaders == null && pending.size() + len <= bufferSize) {
                    pending.write(b, off, len);
                    return;
                }
                commit();
                if (!"HEAD".equals(method)) {
                    body.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                commit();
            }

            /** The whole body: still buffered, it is sent with its length. */
            @Override
            public void close() {
                if (committedHeaders == null && !responseHeaders.contains("Content-Length")
                        && !responseHeaders.contains("Transfer-Encoding")) {
                    responseHeaders.put("Content-Length", Integer.toString(pending.size()));
                }
                commit();
            }
        };
    }

    @Override public boolean isCommitted() { return committedHeaders != null; }
    @Override public int responseBufferSize() { return bufferSize; }
    @Override public void setResponseBufferSize(int size) { bufferSize = size; }
    @Override public int responseBuffered() { return pending.size(); }
    @Override public void resetResponseBuffer() { pending.reset(); }

    @Override
    public byte[] takeResponseBuffer() {
        byte[] taken = pending.toByteArray();
        pending.reset();
        return taken;
    }

    /** As the real exchange: the whole body, not yet committed, is sent with its length. */
    @Override
    public void writeLast(byte[] b, int off, int len) {
        if (committedHeaders == null && !responseHeaders.contains("Content-Length")
                && !responseHeaders.contains("Transfer-Encoding")) {
            responseHeaders.put("Content-Length", Integer.toString(len));
        }
        OutputStream out = responseBody();
        try {
            out.write(b, off, len);
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    @Override public void setResponseTrailers(Supplier<HttpFields> trailers) { responseTrailers = trailers; }
    @Override public void closeConnectionAfterResponse() { closeConnection = true; }

    @Override
    public AsyncHandle startAsync() {
        async = true;
        return new AsyncHandle() {
            @Override
            public void complete() {
                commit();
                completed.countDown();
            }

            @Override
            public void dispatch(Runnable task) {
                Thread.ofVirtual().name("fake-async-dispatch").start(task);
            }
        };
    }

    @Override public boolean isAsync() { return async && completed.getCount() > 0; }

    @Override
    public String toString() {
        return method + " " + uri + " -> " + responseStatus() + " " + sentHeaders() + responseText();
    }

    /** Convenience for tests that need a failing body stream. */
    public static IOException failure() {
        return new IOException("simulated");
    }
}
