package io.jgunicorn.bridge.spec;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;

/**
 * The {@link HttpServletResponse} façade. Headers live in the exchange's mutable fields; content type
 * and character encoding follow the spec's rules (the charset is fixed once getWriter is called).
 */
public final class HttpServletResponseImpl implements HttpServletResponse {

    private enum Output { NONE, STREAM, WRITER }

    private final ExchangeState state;
    private int status = 200;
    private String reason;
    private String mimeType;
    private String charset;
    /** The Content-Type last given to setContentType, taken apart; its header value is reused while it still applies. */
    private ParsedType lastParsed;
    private boolean charsetExplicit;
    private Locale locale;
    private Output output = Output.NONE;
    private PrintWriter writer;
    private ResponseWriter responseWriter;
    private Supplier<Map<String, String>> trailers;

    HttpServletResponseImpl(ExchangeState state) {
        this.state = state;
    }

    ExchangeState state() { return state; }

    private HttpFields.Mutable headers() {
        return state.exchange().responseHeaders();
    }

    /** Applied to the exchange when the response commits. */
    void applyHeadersForCommit() {
        state.exchange().setStatus(status);
        if (reason != null) {
            state.exchange().setReason(reason);
        }
    }

    /** The writer encodes straight into the buffer; nothing is held back that must be pushed here. */
    void flushWriter() {
        // PrintWriter over ResponseWriter keeps no characters of its own, and flushing it would commit
    }

    /** Before an error page: the body and content headers of the failed response do not apply. */
    void resetForErrorPage() {
        output = Output.NONE;
        writer = null;
        mimeType = null;
        charset = null;
        charsetExplicit = false;
        headers().remove(HttpHeader.CONTENT_TYPE);
        state.contentLength(-1);
    }

    // --- status ---------------------------------------------------------------------------------

    @Override
    public void setStatus(int sc) {
        if (state.isCommitted() || state.including()) {
            return;
        }
        status = sc;
        reason = null;
    }

    @Override
    public int getStatus() {
        return state.errorPending() ? state.errorStatus() : status;
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (state.including()) {
            return;
        }
        if (state.isCommitted()) {
            throw new IllegalStateException("response already committed");
        }
        status = sc;
        reason = null;
        if (writer != null) {
            responseWriter.discardPending();
        }
        state.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        if (state.including()) {
            return;
        }
        if (state.isCommitted()) {
            throw new IllegalStateException("response already committed");
        }
        if (clearBuffer) {
            resetBuffer();
        }
        headers().put(HttpHeader.LOCATION, Redirects.resolve(state.request(), location, state.deployment().absoluteRedirects()));
        status = sc;
        reason = null;
        state.finishEarly();
    }

    // --- headers --------------------------------------------------------------------------------

    @Override
    public void setHeader(String name, String value) {
        if (name == null || name.isEmpty() || state.isCommitted() || state.including()) {
            return;
        }
        if (special(name, value)) {
            return;
        }
        if (value == null) {
            headers().remove(name);
        } else {
            headers().put(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (name == null || name.isEmpty() || value == null || state.isCommitted() || state.including()) {
            return;
        }
        if (!special(name, value)) {
            headers().add(name, value);
        }
    }

    /** Content-Type and Content-Length set as headers go through their dedicated setters. */
    private boolean special(String name, String value) {
        if (HttpHeader.CONTENT_TYPE.is(name)) {
            setContentType(value);
            return true;
        }
        if (HttpHeader.CONTENT_LENGTH.is(name)) {
            try {
                state.contentLength(value == null ? -1 : Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                // an unparseable length is ignored, as Tomcat does
            }
            return true;
        }
        return false;
    }

    @Override public void setIntHeader(String name, int value) { setHeader(name, Integer.toString(value)); }
    @Override public void addIntHeader(String name, int value) { addHeader(name, Integer.toString(value)); }
    @Override public void setDateHeader(String name, long date) { setHeader(name, DateGenerator.formatDate(date)); }
    @Override public void addDateHeader(String name, long date) { addHeader(name, DateGenerator.formatDate(date)); }
    @Override public boolean containsHeader(String name) { return headers().contains(name); }
    @Override public String getHeader(String name) { return headers().get(name); }

    @Override
    public Collection<String> getHeaders(String name) {
        return new ArrayList<>(headers().getValuesList(name));
    }

    @Override
    public Collection<String> getHeaderNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (HttpField field : headers()) {
            names.add(field.getName());
        }
        return names;
    }

    @Override
    public void addCookie(Cookie cookie) {
        if (cookie == null || state.isCommitted() || state.including()) {
            return;
        }
        headers().add(HttpHeader.SET_COOKIE, SetCookie.format(cookie));
    }

    /**
     * The container's session cookie: sent also when the session was created in an included
     * servlet (whose own addCookie calls are ignored), as Tomcat does, or the client could never
     * come back to that session.
     */
    void addSessionCookie(Cookie cookie) {
        if (!state.isCommitted()) {
            headers().add(HttpHeader.SET_COOKIE, SetCookie.format(cookie));
        }
    }

    // --- content type, encoding, locale -------------------------------------------------------------

    @Override
    public void setContentType(String type) {
        if (state.isCommitted() || state.including()) {
            return;
        }
        if (type == null) {
            mimeType = null;
            if (output != Output.WRITER && !charsetExplicit) {
                charset = null;
            }
            updateContentTypeHeader();
            return;
        }
        ParsedType parsed = ParsedType.of(type);
        String typeCharset = parsed.charset();
        mimeType = parsed.mimeType();
        lastParsed = parsed;
        if (typeCharset != null && output != Output.WRITER) {
            charset = typeCharset;
            charsetExplicit = true;
        }
        updateContentTypeHeader();
    }

    /**
     * A Content-Type value taken apart once: its type without the charset, its charset, and the
     * header value those give back. Applications set the same few values on every response, so
     * they are kept (up to {@link #KEPT} distinct ones) instead of parsed and concatenated per request.
     */
    record ParsedType(String mimeType, String charset, String header) {
        private static final int KEPT = 256;
        private static final java.util.Map<String, ParsedType> SEEN = new java.util.concurrent.ConcurrentHashMap<>();

        static ParsedType of(String type) {
            ParsedType p = SEEN.get(type);
            if (p == null) {
                String charset = charsetParameter(type);
                String mime = MimeTypes.getContentTypeWithoutCharset(type).trim();
                p = new ParsedType(mime, charset, charset == null ? mime : mime + ";charset=" + charset);
                if (SEEN.size() < KEPT) {
                    SEEN.putIfAbsent(type, p);
                }
            }
            return p;
        }
    }

    /** The charset parameter as the application wrote it (jetty's helper lower-cases it). */
    static String charsetParameter(String contentType) {
        for (String param : contentType.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String value = param.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private void updateContentTypeHeader() {
        String value = getContentType();
        if (value == null) {
            headers().remove(HttpHeader.CONTENT_TYPE);
        } else {
            headers().put(HttpHeader.CONTENT_TYPE, value);
        }
    }

    @Override
    public String getContentType() {
        if (mimeType == null) {
            return null;
        }
        ParsedType p = lastParsed;
        if (p != null && p.mimeType() == mimeType && java.util.Objects.equals(p.charset(), charset)) {
            return p.header(); // as set: no concatenation per response
        }
        return charset == null ? mimeType : mimeType + ";charset=" + charset;
    }

    @Override
    public void setCharacterEncoding(String encoding) {
        if (state.isCommitted() || output == Output.WRITER || state.including()) {
            return;
        }
        if (encoding == null) {
            charset = null;
            charsetExplicit = false;
        } else {
            charset = encoding;
            charsetExplicit = true;
        }
        updateContentTypeHeader();
    }

    @Override
    public String getCharacterEncoding() {
        if (charset != null) {
            return charset;
        }
        String contextDefault = state.deployment().servletContext().getResponseCharacterEncoding();
        return contextDefault != null ? contextDefault : "ISO-8859-1";
    }

    @Override
    public void setLocale(Locale loc) {
        if (loc == null || state.isCommitted() || state.including()) {
            return;
        }
        locale = loc;
        headers().put(HttpHeader.CONTENT_LANGUAGE, loc.toLanguageTag());
        if (!charsetExplicit && output != Output.WRITER) {
            String mapped = localeCharset(loc);
            if (mapped != null) {
                charset = mapped;
                updateContentTypeHeader();
            }
        }
    }

    private String localeCharset(Locale loc) {
        Map<String, String> map = state.deployment().descriptor().localeEncodings();
        String full = map.get(loc.toString());
        return full != null ? full : map.get(loc.getLanguage());
    }

    @Override
    public Locale getLocale() {
        return locale != null ? locale : Locale.getDefault();
    }

    // --- body -----------------------------------------------------------------------------------

    /**
     * For the default servlet: {@code count} bytes of the file at {@code file} (a path the
     * resources gave; the exchange opens it) through this response's stream
     * ({@link #getOutputStream} semantics), by {@code sendfile} where the transport allows it.
     * False when the response is compressed: the caller then writes the file through the stream.
     */
    public boolean sendFile(java.nio.file.Path file, long position, long count) throws java.io.IOException {
        getOutputStream();
        return state.output().sendFile(file, position, count);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (output == Output.WRITER) {
            throw new IllegalStateException("getWriter() has already been called");
        }
        output = Output.STREAM;
        return state.output();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (output == Output.STREAM) {
            throw new IllegalStateException("getOutputStream() has already been called");
        }
        if (writer == null) {
            String name = getCharacterEncoding();
            Charset cs;
            try {
                cs = Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new java.io.UnsupportedEncodingException(name);
            }
            // the charset in use is now part of the content type
            charset = name;
            updateContentTypeHeader();
            responseWriter = new ResponseWriter(state.output(), cs);
            writer = new PrintWriter(responseWriter, false);
            output = Output.WRITER;
        }
        return writer;
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (state.isCommitted() || state.including()) {
            return;
        }
        state.contentLength(len < 0 ? -1 : len);
    }

    @Override
    public void setBufferSize(int size) {
        if (state.isCommitted()) {
            throw new IllegalStateException("response already committed");
        }
        state.output().bufferSize(size);
    }

    @Override public int getBufferSize() { return state.output().bufferSize(); }
    @Override public boolean isCommitted() { return state.isCommitted(); }

    @Override
    public void flushBuffer() throws IOException {
        flushWriter();
        state.output().flush();
    }

    @Override
    public void resetBuffer() {
        if (state.isCommitted()) {
            throw new IllegalStateException("response already committed");
        }
        state.output().resetBuffer();
        if (responseWriter != null) {
            responseWriter.discardPending();
        }
    }

    @Override
    public void reset() {
        if (state.including()) {
            return;
        }
        resetBuffer();
        headers().clear();
        state.contentLength(-1);
        status = 200;
        reason = null;
        mimeType = null;
        charset = null;
        charsetExplicit = false;
        locale = null;
        output = Output.NONE;
        writer = null;
        responseWriter = null;
        state.output().reopen();
        state.sessions().reAddCookie();
    }

    // --- URL encoding and trailers ------------------------------------------------------------------

    @Override public String encodeURL(String url) { return state.sessions().encode(url); }
    @Override public String encodeRedirectURL(String url) { return state.sessions().encode(url); }

    @Override
    public void setTrailerFields(Supplier<Map<String, String>> supplier) {
        if (state.isCommitted()) {
            throw new IllegalStateException("response already committed");
        }
        if (state.exchange().version() == org.eclipse.jetty.http.HttpVersion.HTTP_1_0) {
            throw new IllegalStateException("an HTTP/1.0 response has no trailers"); // as the Javadoc says
        }
        trailers = supplier;
        state.exchange().setResponseTrailers(() -> {
            Map<String, String> values = supplier.get();
            HttpFields.Mutable fields = HttpFields.build();
            if (values != null) {
                values.forEach(fields::add);
            }
            return fields;
        });
    }

    @Override
    public Supplier<Map<String, String>> getTrailerFields() {
        return trailers;
    }

    /** The standard reason phrase, for default error pages. */
    static String reasonPhrase(int status) {
        String phrase = HttpStatus.getMessage(status);
        return phrase == null ? "" : phrase;
    }
}
