package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.ServletMatch;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.DateParser;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.QuotedQualityCSV;

/** The {@link HttpServletRequest} façade over the exchange and the per-request state. */
public final class HttpServletRequestImpl implements HttpServletRequest {

    private enum Input { NONE, STREAM, READER }

    private final ExchangeState state;
    private String characterEncoding;
    private Input input = Input.NONE;
    private ServletInputStreamImpl inputStream;
    private BufferedReader reader;
    private Parameters parameters;
    private Cookie[] cookies;
    private List<Locale> locales;

    HttpServletRequestImpl(ExchangeState state) {
        this.state = state;
    }

    ExchangeState state() { return state; }

    private HttpFields fields() {
        return state.exchange().requestHeaders();
    }

    // --- paths ---------------------------------------------------------------------------------

    @Override public String getMethod() { return state.exchange().method(); }
    @Override public String getRequestURI() { return state.requestURI(); }
    @Override public String getContextPath() { return state.deployment().contextPath(); }
    @Override public String getQueryString() { return state.exchange().uri().getQuery(); }

    @Override
    public String getServletPath() {
        ServletMatch match = state.match();
        return match == null || match.servletPath() == null ? state.pathInContext() : match.servletPath();
    }

    @Override
    public String getPathInfo() {
        ServletMatch match = state.match();
        return match == null ? null : match.pathInfo();
    }

    @Override
    public String getPathTranslated() {
        String info = getPathInfo();
        return info == null ? null : getServletContext().getRealPath(info);
    }

    @Override
    public HttpServletMapping getHttpServletMapping() {
        ServletMatch match = state.match();
        return match == null ? null : match.mapping();
    }

    @Override
    public StringBuffer getRequestURL() {
        StringBuffer url = new StringBuffer(64);
        String scheme = getScheme();
        int port = getServerPort();
        url.append(scheme).append("://").append(hostForUrl(getServerName()));
        if (port > 0 && !(port == 80 && "http".equals(scheme) || port == 443 && "https".equals(scheme))) {
            url.append(':').append(port);
        }
        return url.append(getRequestURI());
    }

    private static String hostForUrl(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override public DispatcherType getDispatcherType() { return DispatcherType.REQUEST; }
    @Override public ServletContext getServletContext() { return state.deployment().servletContext(); }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        return RequestDispatcherImpl.relative(state.deployment(), this, path);
    }

    // --- headers -------------------------------------------------------------------------------

    @Override public String getHeader(String name) { return fields().get(name); }
    @Override public Enumeration<String> getHeaders(String name) { return Collections.enumeration(fields().getValuesList(name)); }

    @Override
    public Enumeration<String> getHeaderNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (HttpField field : fields()) {
            names.add(field.getName());
        }
        return Collections.enumeration(names);
    }

    @Override
    public int getIntHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : Integer.parseInt(value.trim());
    }

    @Override
    public long getDateHeader(String name) {
        String value = getHeader(name);
        if (value == null) {
            return -1;
        }
        long date = DateParser.parseDate(value);
        if (date < 0) {
            throw new IllegalArgumentException("not a date: " + value);
        }
        return date;
    }

    @Override
    public Cookie[] getCookies() {
        if (cookies == null) {
            cookies = RequestCookies.parse(fields());
        }
        return cookies.length == 0 ? null : cookies.clone();
    }

    @Override
    public Map<String, String> getTrailerFields() {
        if (!isTrailerFieldsReady()) {
            throw new IllegalStateException("trailers are ready once the body has been read");
        }
        Map<String, String> map = new TreeMap<>();
        HttpFields trailers = state.exchange().requestTrailers();
        if (trailers != null) {
            for (HttpField field : trailers) {
                map.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + "," + b);
            }
        }
        return map;
    }

    @Override
    public boolean isTrailerFieldsReady() {
        return state.exchange().requestContentLength() >= 0 || inputStream != null && inputStream.isFinished();
    }

    // --- body and encodings --------------------------------------------------------------------

    @Override
    public String getCharacterEncoding() {
        if (characterEncoding != null) {
            return characterEncoding;
        }
        String type = getContentType();
        String fromType = type == null ? null : HttpServletResponseImpl.charsetParameter(type);
        return fromType != null ? fromType : getServletContext().getRequestCharacterEncoding();
    }

    @Override
    public void setCharacterEncoding(String env) throws UnsupportedEncodingException {
        if (input == Input.READER || parameters != null) {
            return;
        }
        if (env != null) {
            charset(env);
        }
        characterEncoding = env;
    }

    static Charset charset(String name) throws UnsupportedEncodingException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(name);
        }
    }

    /** The charset for the body and form parameters; ISO-8859-1 when nothing says otherwise. */
    Charset bodyCharset() throws UnsupportedEncodingException {
        String name = getCharacterEncoding();
        return name == null ? java.nio.charset.StandardCharsets.ISO_8859_1 : charset(name);
    }

    @Override public int getContentLength() { long n = getContentLengthLong(); return n > Integer.MAX_VALUE ? -1 : (int) n; }
    @Override public long getContentLengthLong() { return state.exchange().requestContentLength(); }
    @Override public String getContentType() { return fields().get(HttpHeader.CONTENT_TYPE); }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (input == Input.READER) {
            throw new IllegalStateException("getReader() has already been called");
        }
        input = Input.STREAM;
        return body();
    }

    ServletInputStreamImpl body() {
        if (inputStream == null) {
            inputStream = new ServletInputStreamImpl(state, state.exchange().requestBody());
        }
        return inputStream;
    }

    boolean bodyTaken() {
        return input != Input.NONE;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (input == Input.STREAM) {
            throw new IllegalStateException("getInputStream() has already been called");
        }
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(body(), bodyCharset()));
            input = Input.READER;
        }
        return reader;
    }

    // --- parameters ----------------------------------------------------------------------------

    private Parameters parameters() {
        if (parameters == null) {
            parameters = Parameters.parse(this);
        }
        return parameters;
    }

    @Override public String getParameter(String name) { return parameters().first(name); }
    @Override public Enumeration<String> getParameterNames() { return Collections.enumeration(parameters().names()); }
    @Override public String[] getParameterValues(String name) { return parameters().values(name); }
    @Override public Map<String, String[]> getParameterMap() { return parameters().asMap(); }

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        return Multipart.parts(this);
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        for (Part part : getParts()) {
            if (part.getName().equals(name)) {
                return part;
            }
        }
        return null;
    }

    // --- attributes ----------------------------------------------------------------------------

    @Override public Object getAttribute(String name) { return state.attributes().get(name); }
    @Override public Enumeration<String> getAttributeNames() { return Collections.enumeration(new ArrayList<>(state.attributes().keySet())); }
    @Override public void setAttribute(String name, Object o) { state.setAttribute(this, name, o); }
    @Override public void removeAttribute(String name) { state.removeAttribute(this, name); }

    // --- connection ----------------------------------------------------------------------------

    @Override public String getProtocol() { return state.exchange().version().asString(); }
    @Override public String getScheme() { return state.exchange().scheme(); }
    @Override public String getServerName() { return state.exchange().serverName(); }
    @Override public int getServerPort() { return state.exchange().serverPort(); }
    @Override public boolean isSecure() { return "https".equalsIgnoreCase(getScheme()); }
    @Override public String getRequestId() { return state.exchange().requestId(); }
    @Override public String getProtocolRequestId() { return ""; }

    @Override
    public String getRemoteAddr() {
        InetSocketAddress remote = state.exchange().remoteAddress();
        return remote == null ? "" : remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    /** No reverse DNS lookups (Tomcat's enableLookups=false default): the address is the host. */
    @Override public String getRemoteHost() { return getRemoteAddr(); }

    @Override
    public int getRemotePort() {
        InetSocketAddress remote = state.exchange().remoteAddress();
        return remote == null ? 0 : remote.getPort();
    }

    @Override
    public String getLocalAddr() {
        InetSocketAddress local = state.exchange().localAddress();
        return local == null ? "" : local.getAddress() == null ? local.getHostString() : local.getAddress().getHostAddress();
    }

    @Override
    public String getLocalName() {
        InetSocketAddress local = state.exchange().localAddress();
        return local == null ? "" : local.getHostString();
    }

    @Override
    public int getLocalPort() {
        InetSocketAddress local = state.exchange().localAddress();
        return local == null ? 0 : local.getPort();
    }

    @Override
    public ServletConnection getServletConnection() {
        String id = state.exchange().connectionId();
        String protocol = getProtocol().toLowerCase(Locale.ROOT);
        boolean secure = isSecure();
        return new ServletConnection() {
            @Override public String getConnectionId() { return id; }
            @Override public String getProtocol() { return protocol; }
            @Override public String getProtocolConnectionId() { return ""; }
            @Override public boolean isSecure() { return secure; }
        };
    }

    // --- locales -------------------------------------------------------------------------------

    @Override
    public Locale getLocale() {
        return locales().getFirst();
    }

    @Override
    public Enumeration<Locale> getLocales() {
        return Collections.enumeration(locales());
    }

    private List<Locale> locales() {
        if (locales == null) {
            List<Locale> list = new ArrayList<>();
            List<String> values = fields().getValuesList(HttpHeader.ACCEPT_LANGUAGE);
            if (!values.isEmpty()) {
                QuotedQualityCSV csv = new QuotedQualityCSV();
                values.forEach(csv::addValue);
                for (String tag : csv.getValues()) {
                    if (!"*".equals(tag)) {
                        list.add(Locale.forLanguageTag(tag));
                    }
                }
            }
            if (list.isEmpty()) {
                list.add(Locale.getDefault());
            }
            locales = list;
        }
        return locales;
    }

    // --- async ---------------------------------------------------------------------------------

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, state.response());
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return AsyncContextImpl.start(state, request, response);
    }

    @Override public boolean isAsyncStarted() { return state.async() != null && state.async().startedForApplication(); }
    @Override public boolean isAsyncSupported() { return state.asyncSupported(); }

    @Override
    public AsyncContext getAsyncContext() {
        if (!isAsyncStarted()) {
            throw new IllegalStateException("async not started");
        }
        return state.async();
    }

    // --- sessions (the request's RequestSessions) ---------------------------------------------

    @Override public HttpSession getSession(boolean create) { return state.sessions().get(create); }
    @Override public HttpSession getSession() { return getSession(true); }
    @Override public String changeSessionId() { return state.sessions().changeId(); }
    @Override public String getRequestedSessionId() { return state.sessions().requestedId(); }
    @Override public boolean isRequestedSessionIdFromCookie() { return state.sessions().idFromCookie(); }
    @Override public boolean isRequestedSessionIdFromURL() { return state.sessions().idFromUrl(); }
    @Override public boolean isRequestedSessionIdValid() { return state.sessions().requestedIdValid(); }

    // --- security ------------------------------------------------------------------------------

    @Override public String getAuthType() { return state.user() == null ? null : state.user().authType(); }
    @Override public String getRemoteUser() { return state.user() == null ? null : state.user().name(); }
    @Override public Principal getUserPrincipal() { return state.user() == null ? null : state.user().principal(); }

    @Override
    public boolean isUserInRole(String role) {
        return state.isUserInRole(role);
    }

    @Override
    public boolean authenticate(HttpServletResponse response) throws IOException, ServletException {
        return state.deployment().security().authenticate(state, this, response);
    }

    @Override
    public void login(String username, String password) throws ServletException {
        state.deployment().security().login(state, this, username, password);
    }

    @Override
    public void logout() throws ServletException {
        state.deployment().security().logout(state, this);
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) throws IOException, ServletException {
        T handler = state.deployment().instantiate(handlerClass);
        try {
            state.exchange().upgrade(connection -> WebConnectionImpl.start(state.deployment().servletContext(), handler, connection));
        } catch (UnsupportedOperationException refused) {
            // sync (or HTTP/1.0): answered 501 and the handler never starts, rather than a worker held
            state.deployment().log("HTTP upgrade to " + handlerClass.getName() + " refused: " + refused.getMessage());
            state.response().sendError(HttpServletResponse.SC_NOT_IMPLEMENTED, refused.getMessage());
            return handler;
        }
        state.response().setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        return handler;
    }
}
