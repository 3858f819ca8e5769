package io.jgunicorn.bridge.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * Request parameters: the query string (always UTF-8, as Tomcat and Jetty decode URIs) then, for a
 * POST with {@code application/x-www-form-urlencoded} whose body was not taken by the application,
 * the form body in the request's character encoding (ISO-8859-1 when none is given).
 */
final class Parameters {

    /** Tomcat's maxPostSize default; larger forms are refused rather than buffered without bound. */
    static final int MAX_FORM_BYTES = 2 * 1024 * 1024;
    static final int MAX_FORM_KEYS = 10_000;

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    void add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    static Parameters parse(HttpServletRequestImpl request) {
        Parameters params = new Parameters();
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            UrlEncoded.decodeTo(query, params::add, StandardCharsets.UTF_8);
        }
        try {
            if (isForm(request) && !request.bodyTaken()) {
                InputStream body = request.body();
                UrlEncoded.decodeTo(body, params::add, request.bodyCharset(), MAX_FORM_BYTES, MAX_FORM_KEYS);
            } else if (Multipart.isMultipart(request)) {
                Multipart.addFormFields(request, params);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read form parameters", e);
        } catch (jakarta.servlet.ServletException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return params;
    }

    private static boolean isForm(HttpServletRequestImpl request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod()) && type != null
                && "application/x-www-form-urlencoded".equalsIgnoreCase(mimeType(type));
    }

    /** The media type without any parameters. */
    static String mimeType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    }

    /** Parameters of a dispatch (e.g. forward to "/x?a=1") come first, then the original ones. */
    static Parameters merge(String query, Map<String, String[]> original) {
        Parameters params = new Parameters();
        if (query != null && !query.isEmpty()) {
            UrlEncoded.decodeTo(query, params::add, StandardCharsets.UTF_8);
        }
        original.forEach((name, vals) -> {
            for (String v : vals) {
                params.add(name, v);
            }
        });
        return params;
    }

    String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.getFirst();
    }

    String[] values(String name) {
        List<String> list = values.get(name);
        return list == null ? null : list.toArray(String[]::new);
    }

    List<String> names() {
        return List.copyOf(values.keySet());
    }

    Map<String, String[]> asMap() {
        Map<String, String[]> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
        return Collections.unmodifiableMap(map);
    }
}
