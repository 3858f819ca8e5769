package io.jgunicorn.container.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;

/**
 * One request and its response, as the HTTP/1.1 layer hands them to an {@link HttpApplication}.
 *
 * <p>The request head is already parsed and validated. The body is a stream: reading it is what
 * sends {@code 100 Continue} when the client asked for it. The response is committed (status and
 * headers written) when its buffer overflows ({@link #responseBufferSize}), on a flush of
 * {@link #responseBody()}, or when the exchange ends. The framing is decided here, once: closing
 * {@link #responseBody()} or {@link #writeLast} says "this is the whole body".
 */
public interface HttpExchange {

    // --- request ---------------------------------------------------------------------------

    /** The request method, exactly as sent (or upper-cased under {@code casefold_http_method}). */
    String method();

    /** The request target as sent: path (still percent-encoded) and query. */
    HttpURI uri();

    HttpVersion version();

    HttpFields requestHeaders();

    /** Declared body length, or -1 when chunked, 0 when there is no body. */
    long requestContentLength();

    /** The request body; end of stream at the end of the body. Never null. */
    InputStream requestBody();

    /** Trailer fields of a chunked request, available once the body has been read to its end; else null. */
    HttpFields requestTrailers();

    /** Client address as the application should see it (after trusted proxy headers). */
    InetSocketAddress remoteAddress();

    /** Local address of the connection ({@code null} for a Unix socket). */
    InetSocketAddress localAddress();

    /** {@code http} or {@code https}, after {@code secure_scheme_headers} / forwarded headers from trusted peers. */
    String scheme();

    /**
     * The TLS session of the connection (peer certificates, cipher suite), or null for plain HTTP.
     * Added for TLS; the default keeps other implementations source compatible.
     */
    default javax.net.ssl.SSLSession sslSession() {
        return null;
    }

    /** Host name and port the client addressed (Host header, or forwarded host from a trusted proxy). */
    String serverName();

    int serverPort();

    /** A short id unique for this request within the worker, for logs and {@code getRequestId()}. */
    String requestId();

    /** A short id of the connection, unique within the worker. */
    String connectionId();

    // --- response --------------------------------------------------------------------------

    void setStatus(int status);

    int status();

    /** Optional reason phrase; null means the standard one for the status. */
    void setReason(String reason);

    /** Mutable response headers until the response is committed. */
    HttpFields.Mutable responseHeaders();

    /**
     * The response body, through the response buffer. With no {@code Content-Length} set a body
     * that outgrows the buffer or is flushed is sent chunked (HTTP/1.1) or delimited by close
     * (HTTP/1.0); {@code close()} says the body is complete, so one still buffered gets its length.
     * For HEAD requests bytes written here are counted and dropped.
     */
    OutputStream responseBody();

    boolean isCommitted();

    // --- the response buffer: the one buffer between the application and the socket -----------

    /**
     * How many body bytes {@link #responseBody()} holds before they go out: until then the head
     * can still change, and a body that ends while all of it is held gets a {@code Content-Length}.
     * After the commit the buffer goes on collecting writes, so small writes leave in large pieces.
     * An application with buffer semantics of its own (the servlet bridge) uses this one, and none
     * of its own.
     */
    int responseBufferSize();

    /** @throws IllegalStateException once body bytes were written or the response is committed */
    void setResponseBufferSize(int size);

    /** Body bytes written and not yet sent. */
    int responseBuffered();

    /** Drops the body bytes written and not yet sent (a reset before commit, an error answer instead). */
    void resetResponseBuffer();

    /**
     * Removes the body bytes written and not yet sent and returns them: for an application that
     * decides at commit to encode the body (compression) and sends what it wrote through its encoder.
     */
    byte[] takeResponseBuffer();

    /**
     * Sends {@code count} bytes of the file at {@code file} from {@code position} as the next part
     * of the body, by {@code sendfile} ({@link java.nio.channels.FileChannel#transferTo}) where the
     * transport allows it (plain TCP or Unix socket; TLS copies). The container opens the file (the
     * bridge reads none itself); the default copies it through {@link #responseBody()}.
     */
    default void sendFile(java.nio.file.Path file, long position, long count) throws IOException {
        OutputStream out = responseBody();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
            for (long done = 0; done < count; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), count - done));
                int n = ch.read(buf, position + done);
                if (n < 0) {
                    throw new java.io.EOFException("file ended before " + count + " bytes");
                }
                out.write(buf.array(), 0, n);
                done += n;
            }
        }
    }

    /**
     * Writes the last bytes of the body: the response is complete after them. Nothing committed
     * yet, the body's length is then known and sent as {@code Content-Length} (also for HEAD,
     * where {@code len} is the length a GET would have had), unless the application set
     * {@code Transfer-Encoding} itself or trailers were set on an HTTP/1.1 response (they follow
     * only a chunked body). The one place that decides the framing stays the exchange.
     */
    default void writeLast(byte[] b, int off, int len) throws IOException {
        OutputStream out = responseBody();
        out.write(b, off, len);
        out.flush();
    }

    /** Trailer fields to send after a chunked response body; the supplier is called at the end. */
    void setResponseTrailers(Supplier<HttpFields> trailers);

    /** Asks the connection to close after this response (adds {@code Connection: close}). */
    void closeConnectionAfterResponse();

    /**
     * Sends an interim {@code 1xx} response now (e.g. 103 Early Hints). Ignored for HTTP/1.0.
     */
    default void sendInterim(int status, HttpFields headers) throws IOException {}

    // --- protocol upgrade ----------------------------------------------------------------------

    /**
     * Switches the connection to another protocol once this exchange ends: the response (status
     * {@code 101}, with the headers the application set, {@code Upgrade} among them) is sent, the
     * request body is drained, and the connection leaves HTTP: {@code onUpgraded} is called on an
     * application thread with the raw connection. If the response turns out not to be a 101, the
     * connection is closed instead and {@code onUpgraded} is never called.
     *
     * @throws UnsupportedOperationException when this worker class cannot hold upgraded connections
     *         ({@code sync}) or the request is not HTTP/1.1; the message says why
     * @throws IllegalStateException when the response is already committed
     */
    default void upgrade(java.util.function.Consumer<UpgradedConnection> onUpgraded) {
        throw new UnsupportedOperationException("HTTP upgrade is not supported here");
    }

    // --- asynchronous completion -------------------------------------------------------------

    /**
     * Detaches the exchange from the calling thread: when {@link HttpApplication#handle} returns the
     * exchange stays open until {@link AsyncHandle#complete()} is called from any thread.
     */
    AsyncHandle startAsync();

    /** True once {@link #startAsync()} was called and the exchange is not yet complete. */
    boolean isAsync();

    /** Completion of an exchange that was detached from its thread. */
    interface AsyncHandle {
        /** Finishes the response (flushes, writes the terminating chunk) and releases the connection. */
        void complete();

        /** Runs {@code task} on a thread the worker class allows for application code. */
        void dispatch(Runnable task);
    }
}
