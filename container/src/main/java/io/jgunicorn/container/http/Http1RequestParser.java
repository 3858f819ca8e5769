package io.jgunicorn.container.http;

import java.nio.ByteBuffer;
import java.util.Set;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Jetty's {@link HttpParser} plus Gunicorn's checks, which jetty-http does not enforce itself.
 *
 * <p>Parse, pause, dispatch: {@code headerComplete}, {@code content} and {@code messageComplete}
 * return true so {@link HttpParser#parseNext} returns and the caller runs application code outside
 * the callbacks. A check that fails throws {@link HttpException.RuntimeException}; the parser turns
 * that into {@code badMessage}, which is remembered here as {@link #error()}.
 */
final class Http1RequestParser implements HttpParser.RequestHandler {

    /**
     * RFC 9110 s6.5.1: framing, routing, authentication and connection fields must not arrive in a
     * trailer (an application that merged trailers into headers would be fooled by them).
     */
    private static final Set<String> FORBIDDEN_TRAILERS = Set.of(
            "transfer-encoding", "content-length", "host", "trailer", "te", "expect", "max-forwards",
            "authorization", "proxy-authorization", "cookie", "connection", "keep-alive", "upgrade",
            "proxy-connection");

    private final Http1Settings settings;
    private final HttpParser parser;

    private String method;
    private String target;
    private HttpVersion version;
    private HttpFields.Mutable fields;
    private HttpFields.Mutable trailers;
    private int trailerCount;
    private ByteBuffer content;
    private long contentBytes;
    private boolean headComplete;
    private boolean messageComplete;
    private boolean earlyEof;
    private HttpException error;
    private byte prevHeadByte;

    Http1RequestParser(Http1Settings settings) {
        this.settings = settings;
        this.parser = new HttpParser(this, settings.maxHeadBytes(), compliance(settings)) {
            // jetty reports a failure after the head as earlyEOF(); we need the status it carries
            @Override
            protected void badMessage(HttpException failure) {
                if (error == null) {
                    error = failure;
                }
                super.badMessage(failure);
            }
        };
        // jetty's cache of common fields matches values ignoring case and would hand the application
        // its own spelling ("charset=iso-8859-1" for the client's "charset=ISO-8859-1")
        parser.setHeaderCacheCaseSensitive(true);
        // and that cache costs about 100 KB per keep-alive connection (a trie built on its second
        // request) to save a few short strings per request: 10,000 idle connections would hold 1 GB
        parser.setHeaderCacheSize(0);
        reset();
    }

    private static HttpCompliance compliance(Http1Settings s) {
        HttpCompliance c = HttpCompliance.RFC9110;
        if (s.permitObsoleteFolding()) {
            c = c.with("gunicorn", HttpCompliance.Violation.MULTILINE_FIELD_VALUE);
        }
        if (s.stripHeaderSpaces()) {
            c = c.with("gunicorn", HttpCompliance.Violation.WHITESPACE_AFTER_FIELD_NAME);
        }
        return c;
    }

    /** Forgets the previous request so the next one can be parsed from the same bytes. */
    void reset() {
        parser.reset();
        method = null;
        target = null;
        version = null;
        fields = HttpFields.build();
        trailers = null;
        trailerCount = 0;
        content = null;
        contentBytes = 0;
        headComplete = false;
        messageComplete = false;
        earlyEof = false;
        error = null;
        prevHeadByte = 0;
    }

    /**
     * Feeds head bytes, as {@link #parse}. jetty accepts a lone LF as a line end (RFC 9112 allows
     * it); Gunicorn refuses it and so do we: a proxy that disagrees on line ends is how requests get
     * smuggled. Only head bytes are scanned.
     */
    void parseHead(ByteBuffer buf) {
        int from = buf.position();
        parse(buf);
        for (int i = from, to = buf.position(); i < to; i++) {
            byte b = buf.get(i);
            if (b == '\n' && prevHeadByte != '\r' || prevHeadByte == '\r' && b != '\n') {
                fail(400, "Bare CR or LF in request head");
                return;
            }
            prevHeadByte = b;
        }
    }

    /** Feeds {@code buf}; returns when the parser paused (head, content or end) or needs more bytes. */
    void parse(ByteBuffer buf) {
        if (error != null) {
            return;
        }
        try {
            parser.parseNext(buf);
        } catch (HttpException.RuntimeException e) {
            // thrown by our own checks outside the parser's own catch (defensive)
            error = e;
        }
    }

    /** Tells the parser the peer closed its side. */
    void atEof() {
        parser.atEOF();
        parser.parseNext(ByteBuffer.allocate(0));
    }

    /** Refuses the current request with {@code status} (for checks made outside the parser). */
    void fail(int status, String reason) {
        if (error == null) {
            error = new HttpException.RuntimeException(status, reason);
        }
    }

    boolean isStart() {
        return parser.isStart() && method == null && error == null;
    }

    // --- request head -----------------------------------------------------------------------

    @Override
    public void startRequest(String m, String uri, HttpVersion v) {
        int line = m.length() + 1 + uri.length() + 1 + (v == null ? 8 : v.asString().length());
        if (settings.limitRequestLine() > 0 && line > settings.limitRequestLine()) {
            throw new HttpException.RuntimeException(414, "Request line too long");
        }
        if (v != HttpVersion.HTTP_1_0 && v != HttpVersion.HTTP_1_1) {
            throw new HttpException.RuntimeException(505, "HTTP Version Not Supported");
        }
        method = Http1Tokens.checkMethod(m, settings);
        Http1Tokens.checkTarget(method, uri);
        target = uri;
        version = v;
    }

    @Override
    public void parsedHeader(HttpField field) {
        if (fields.size() >= settings.limitRequestFields()) {
            throw new HttpException.RuntimeException(431, "Too many header fields");
        }
        String name = field.getName();
        String value = field.getValue() == null ? "" : field.getValue();
        // Gunicorn counts the whole line with its CRLF: "Name: value\r\n"
        if (name.length() + 2 + value.length() + 2 > settings.limitRequestFieldSize()) {
            throw new HttpException.RuntimeException(431, "Header field too large");
        }
        Http1Tokens.checkFieldValue(value);
        if (field.getHeader() == HttpHeader.CONTENT_TYPE && fields.contains(HttpHeader.CONTENT_TYPE)) {
            throw new HttpException.RuntimeException(400, "Duplicate Content-Type");
        }
        if (name.indexOf('_') >= 0) {
            switch (settings.headerMap()) {
                case "dangerous" -> { }
                case "refuse" -> throw new HttpException.RuntimeException(400, "Underscore in header name");
                default -> { return; } // drop: a proxy may not know '_' and '-' collide in CGI-style maps
            }
        }
        fields.add(field);
    }

    @Override
    public boolean headerComplete() {
        if (version == HttpVersion.HTTP_1_1 && !fields.contains(HttpHeader.HOST)) {
            throw new HttpException.RuntimeException(400, "Missing Host header");
        }
        if (version == HttpVersion.HTTP_1_0 && fields.contains(HttpHeader.TRANSFER_ENCODING)) {
            throw new HttpException.RuntimeException(400, "Transfer-Encoding in an HTTP/1.0 request");
        }
        long declared = parser.getContentLength();
        if (settings.limitRequestBody() > 0 && declared > settings.limitRequestBody()) {
            throw new HttpException.RuntimeException(413, "Request body too large");
        }
        String expect = fields.get(HttpHeader.EXPECT);
        if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
            throw new HttpException.RuntimeException(417, "Expectation Failed");
        }
        headComplete = true;
        return true;
    }

    @Override
    public boolean content(ByteBuffer chunk) {
        contentBytes += chunk.remaining();
        if (settings.limitRequestBody() > 0 && contentBytes > settings.limitRequestBody()) {
            throw new HttpException.RuntimeException(413, "Request body too large");
        }
        // not copied: a view of the connection's input, which Http1RequestBody consumes before the
        // next fill compacts it
        content = chunk;
        return true;
    }

    @Override
    public void parsedTrailer(HttpField field) {
        if (FORBIDDEN_TRAILERS.contains(field.getLowerCaseName())) {
            throw new HttpException.RuntimeException(400, "Forbidden trailer field " + field.getName());
        }
        String value = field.getValue() == null ? "" : field.getValue();
        // a trailer section is held to the limits of a header section, whether it is kept or not
        if (++trailerCount > settings.limitRequestFields()) {
            throw new HttpException.RuntimeException(431, "Too many trailer fields");
        }
        if (field.getName().length() + 2 + value.length() + 2 > settings.limitRequestFieldSize()) {
            throw new HttpException.RuntimeException(431, "Trailer field too large");
        }
        Http1Tokens.checkFieldValue(value);
        if (!settings.trailerAllowed(field.getLowerCaseName())) {
            return; // dropped, as Tomcat drops names missing from allowedTrailerHeaders
        }
        if (trailers == null) {
            trailers = HttpFields.build();
        }
        trailers.add(field);
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        messageComplete = true;
        return true;
    }

    @Override
    public void earlyEOF() {
        earlyEof = true;
    }

    @Override
    public void badMessage(HttpException failure) {
        error = failure;
    }

    // --- state for the connection -----------------------------------------------------------

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    HttpVersion version() {
        return version;
    }

    HttpFields.Mutable fields() {
        return fields;
    }

    HttpFields trailers() {
        return trailers;
    }

    long contentLength() {
        if (parser.isChunking()) {
            return -1;
        }
        return Math.max(0, parser.getContentLength());
    }

    boolean chunked() {
        return parser.isChunking() || (headComplete && parser.getContentLength() < 0 && !messageComplete
                && fields.contains(HttpHeader.TRANSFER_ENCODING));
    }

    /** Takes the content chunk the parser last paused on, or null. */
    ByteBuffer takeContent() {
        ByteBuffer c = content;
        content = null;
        return c;
    }

    boolean headComplete() {
        return headComplete;
    }

    boolean isMessageComplete() {
        return messageComplete;
    }

    boolean earlyEof() {
        return earlyEof;
    }

    HttpException error() {
        return error;
    }

    int errorStatus() {
        int code = error == null ? 400 : error.getCode();
        return code < 400 || code > 599 ? 400 : code;
    }
}
