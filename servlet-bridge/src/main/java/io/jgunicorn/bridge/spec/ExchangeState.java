package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.Listeners;
import io.jgunicorn.bridge.core.ServletHolder;
import io.jgunicorn.bridge.core.ServletMatch;
import io.jgunicorn.bridge.security.SecuredRequest;
import io.jgunicorn.bridge.security.UserIdentity;
import io.jgunicorn.container.spi.HttpExchange;
import jakarta.servlet.ServletRequestAttributeEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Everything the bridge knows about one request and its response, over the container's exchange.
 * The request and response façades are thin views of this object; dispatches wrap the façades.
 * {@code runner} is the handler that started the request: async dispatches and completion go back to it.
 */
public final class ExchangeState implements SecuredRequest {

    private final HttpExchange exchange;
    private final Deployment deployment;
    private final RequestRunner runner;
    private final HttpServletRequestImpl request;
    private final HttpServletResponseImpl response;
    private final String requestURI;
    private final String pathInContext;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final ServletOutputStreamImpl output;
    private ServletMatch match;
    private ServletHolder target;
    private boolean asyncSupported = true;
    private volatile boolean committed;
    private long contentLength = -1;
    private java.util.zip.GZIPOutputStream gzip;
    private int errorStatus = -1;
    private boolean finished;
    private boolean inErrorPage;
    private String forwardedTo;
    private Deployment forwardedContext;
    private int includeDepth;
    private String errorMessage;
    private AsyncContextImpl async;
    private NonBlockingIo nonBlocking;

    private final RequestSessions sessions;

    // multipart parts, parsed once and deleted when the request ends
    java.util.List<jakarta.servlet.http.Part> parts;
    org.eclipse.jetty.http.MultiPartFormData.Parts multipart;

    // the authenticated user of this request, or null
    private UserIdentity user;

    public ExchangeState(Deployment deployment, RequestRunner runner, HttpExchange exchange, String requestURI,
                         String pathInContext, String urlSessionId) {
        this.deployment = deployment;
        this.runner = runner;
        this.exchange = exchange;
        this.requestURI = requestURI;
        this.pathInContext = pathInContext;
        this.output = new ServletOutputStreamImpl(this);
        this.request = new HttpServletRequestImpl(this);
        this.response = new HttpServletResponseImpl(this);
        this.sessions = new RequestSessions(this, urlSessionId);
        TlsAttributes.put(exchange.sslSession(), attributes);
    }

    public HttpExchange exchange() { return exchange; }
    public Deployment deployment() { return deployment; }
    RequestRunner runner() { return runner; }
    /** The sessions this request found, created or was dispatched into. */
    public RequestSessions sessions() { return sessions; }
    @Override public HttpServletRequestImpl request() { return request; }
    @Override public HttpServletResponseImpl response() { return response; }
    public String requestURI() { return requestURI; }
    @Override public String pathInContext() { return pathInContext; }
    public ServletMatch match() { return match; }
    public void match(ServletMatch value) { match = value; }
    /** The servlet the current dispatch runs (its multipart config applies to getParts). */
    public ServletHolder target() { return target; }
    public void target(ServletHolder value) { target = value; }
    public boolean asyncSupported() { return asyncSupported; }
    public void asyncSupported(boolean value) { asyncSupported = value; }
    public Map<String, Object> attributes() { return attributes; }
    ServletOutputStreamImpl output() { return output; }
    public AsyncContextImpl async() { return async; }
    void async(AsyncContextImpl value) { async = value; }

    @Override public UserIdentity user() { return user; }
    @Override public void user(UserIdentity value) { user = value; }

    /** Role check with the servlet's security-role-ref links resolved and "**" meaning any user. */
    public boolean isUserInRole(String role) {
        if (user == null || role == null || "*".equals(role)) {
            return false;
        }
        if ("**".equals(role)) {
            return !deployment.declaredRoles().contains("**");
        }
        // the current servlet's security-role-ref: the name its code uses stands for the linked role
        String linked = target == null ? null : target.roleRefs().get(role);
        return user.roles().contains(linked != null ? linked : role);
    }

    /** Frees what the request holds (multipart temp files). */
    public void release() {
        output.release();
        if (multipart != null) {
            multipart.close();
            multipart = null;
        }
    }

    public synchronized NonBlockingIo nonBlocking() {
        if (nonBlocking == null) {
            nonBlocking = new NonBlockingIo(this);
        }
        return nonBlocking;
    }

    // --- attributes with listener events -------------------------------------------------------

    void setAttribute(jakarta.servlet.ServletRequest source, String name, Object value) {
        if (value == null) {
            removeAttribute(source, name);
            return;
        }
        Object old = attributes.put(name, value);
        var listeners = deployment.listeners().requestAttribute;
        if (!listeners.isEmpty()) {
            var event = new ServletRequestAttributeEvent(deployment.servletContext(), source, name, old == null ? value : old);
            Listeners.fire(deployment.classLoader(), listeners, old == null ? l -> l.attributeAdded(event) : l -> l.attributeReplaced(event));
        }
    }

    void removeAttribute(jakarta.servlet.ServletRequest source, String name) {
        Object old = attributes.remove(name);
        var listeners = deployment.listeners().requestAttribute;
        if (old != null && !listeners.isEmpty()) {
            var event = new ServletRequestAttributeEvent(deployment.servletContext(), source, name, old);
            Listeners.fire(deployment.classLoader(), listeners, l -> l.attributeRemoved(event));
        }
    }

    // --- response commit and completion ----------------------------------------------------------

    long contentLengthLimit() { return contentLength; }

    void contentLength(long value) {
        contentLength = value;
        if (value < 0) {
            exchange.responseHeaders().remove(HttpHeader.CONTENT_LENGTH);
        } else {
            exchange.responseHeaders().put(HttpHeader.CONTENT_LENGTH, value);
        }
    }

    /** Committed from the application's point of view: bytes went out, or sendError/sendRedirect ran. */
    public boolean isCommitted() {
        return committed || finished || errorStatus >= 0 || exchange.isCommitted();
    }

    /**
     * Writes the status line and headers' final values to the exchange (the exchange sends them)
     * and decides compression: the body buffered so far is then moved through gzip.
     */
    void commit() throws IOException {
        if (committed) {
            return;
        }
        committed = true;
        response.applyHeadersForCommit();
        if (deployment.compression().mode() == io.jgunicorn.bridge.deployment.Compression.Mode.OFF) {
            return;
        }
        // taken before the gzip stream exists: it writes its own header into the buffer
        byte[] written = exchange.takeResponseBuffer();
        gzip = ResponseCompression.start(deployment.compression(), exchange, contentLength);
        OutputStream to = gzip != null ? gzip : exchange.responseBody();
        to.write(written);
    }

    /** True while the body goes through gzip (decided at commit). */
    boolean compressing() {
        return gzip != null;
    }

    /** Where the body's bytes go once committed: the exchange, or a gzip stream over it. */
    OutputStream body() {
        return gzip != null ? gzip : exchange.responseBody();
    }

    /** sendError: the rest of the dispatch writes nothing; the error page or default page comes after. */
    void sendError(int status, String message) {
        errorStatus = status;
        errorMessage = message;
        output.resetBuffer();
        output.suspend(true);
    }

    /** sendRedirect: the response is complete; what is buffered is sent when the request ends. */
    void finishEarly() {
        finished = true;
        output.suspend(true);
    }

    /** The context-relative target ("/x?q") of the latest forward, and its context: where AsyncContext.dispatch() goes. */
    public String forwardedTo() { return forwardedTo; }
    public Deployment forwardedContext() { return forwardedContext; }

    public void forwardedTo(Deployment target, String path) {
        forwardedContext = target;
        forwardedTo = path;
    }

    public boolean inErrorPage() { return inErrorPage; }
    public void inErrorPage(boolean value) { inErrorPage = value; }

    /** True once body bytes have left the buffer for the exchange. */
    public boolean wroteBytes() { return committed; }

    public boolean including() { return includeDepth > 0; }
    public void enterInclude() { includeDepth++; }
    public void exitInclude() { includeDepth--; }

    public boolean errorPending() { return errorStatus >= 0; }
    public int errorStatus() { return errorStatus; }
    public String errorMessage() { return errorMessage; }

    /** Clears the pending error so an error page (or the default page) can write the response. */
    public void beginErrorPage() {
        errorStatus = -1;
        output.reopen();
        response.resetForErrorPage();
    }

    /** Output is finished for good (after forward, or sendRedirect). */
    public void closeOutput() throws IOException {
        response.flushWriter();
        output.close();
    }

    /** End of the request: what is still buffered is the whole body (the exchange then knows its length). */
    public void complete() throws IOException {
        response.flushWriter();
        output.suspend(false);
        if (!output.isClosed()) {
            output.flushLast();
        } else {
            output.flushBuffer();
        }
        if (gzip != null) {
            gzip.finish();
            gzip = null;
            exchange.responseBody().flush(); // compressed: chunked, as Tomcat sends it
        } else {
            exchange.responseBody().close(); // whatever is still buffered is the rest of the body
        }
    }

    /**
     * True when the body is complete and all of it is still buffered: the exchange is then told
     * it is the whole body, and sends it with its length rather than chunked.
     */
    boolean wholeBodyBuffered() {
        return !committed && !exchange.isCommitted() && contentLength < 0
                && !exchange.responseHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }
}
