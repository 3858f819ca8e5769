package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.deployment.Compression;
import io.jgunicorn.container.spi.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Decides, when the response commits, whether its body goes out gzipped, as Tomcat's connector
 * does with {@code compression="on"}: for a compressible type it always says {@code Vary:
 * Accept-Encoding}; it compresses when the client accepts gzip, the body is not already encoded,
 * not a range (206 or Content-Range), not of a status without a body, not a HEAD or HTTP/1.0 answer,
 * and its length is unknown (streamed) or at least the minimum size. A compressed response loses
 * its Content-Length (it is sent chunked) and a strong ETag becomes weak ({@code W/"..."}), since
 * the bytes differ from the identity representation's (Tomcat does the same).
 */
final class ResponseCompression {

    private ResponseCompression() {}

    /** The stream to write the body through once committed, or null to write it as it is. */
    static GZIPOutputStream start(Compression config, HttpExchange exchange, long contentLength) throws IOException {
        if (config.mode() == Compression.Mode.OFF) {
            return null;
        }
        HttpFields.Mutable headers = exchange.responseHeaders();
        String type = headers.get(HttpHeader.CONTENT_TYPE);
        String base = type == null ? null : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean force = config.mode() == Compression.Mode.FORCE;
        if (!force && (base == null || !config.mimeTypes().contains(base))) {
            return null;
        }
        int status = exchange.status();
        if (status < 200 || status == 204 || status == 304) {
            return null;
        }
        addVary(headers);
        String encoding = headers.get(HttpHeader.CONTENT_ENCODING);
        if (encoding != null && !encoding.equalsIgnoreCase("identity") || status == 206 || headers.contains(HttpHeader.CONTENT_RANGE)
                || "HEAD".equals(exchange.method()) || exchange.version() != HttpVersion.HTTP_1_1 && exchange.version() != HttpVersion.HTTP_2
                && exchange.version() != HttpVersion.HTTP_3 || !acceptsGzip(exchange.requestHeaders().getValuesList(HttpHeader.ACCEPT_ENCODING))
                || !force && contentLength >= 0 && contentLength < config.minSize()) {
            return null;
        }
        headers.remove(HttpHeader.CONTENT_LENGTH);
        headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
        String etag = headers.get(HttpHeader.ETAG);
        if (etag != null && !etag.startsWith("W/")) {
            headers.put(HttpHeader.ETAG, "W/" + etag);
        }
        OutputStream body = exchange.responseBody();
        return new GZIPOutputStream(new OutputStream() { // finish() must not close the exchange's stream
            @Override public void write(int b) throws IOException { body.write(b); }
            @Override public void write(byte[] b, int off, int len) throws IOException { body.write(b, off, len); }
            @Override public void flush() throws IOException { body.flush(); }
        }, 8192, true);
    }

    private static void addVary(HttpFields.Mutable headers) {
        String vary = headers.get(HttpHeader.VARY);
        if (vary == null) {
            headers.put(HttpHeader.VARY, "Accept-Encoding");
        } else if (!vary.strip().equals("*") && !vary.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
            headers.put(HttpHeader.VARY, vary + ", Accept-Encoding");
        }
    }

    /** RFC 9110 section 12.5.3: gzip (or x-gzip, or *) with a q-value above 0, and gzip not refused by q=0. */
    static boolean acceptsGzip(java.util.List<String> values) {
        Boolean gzip = null;
        boolean star = false;
        for (String value : values) {
            for (String item : value.split(",")) {
                String[] parts = item.split(";");
                String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].strip();
                    if (p.regionMatches(true, 0, "q=", 0, 2)) {
                        try {
                            q = Double.parseDouble(p.substring(2).strip());
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = q > 0;
                } else if (coding.equals("*")) {
                    star = q > 0;
                }
            }
        }
        return gzip != null ? gzip : star;
    }
}
