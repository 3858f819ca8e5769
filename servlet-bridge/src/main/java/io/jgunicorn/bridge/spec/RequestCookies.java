package io.jgunicorn.bridge.spec;

import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.CookieCache;
import org.eclipse.jetty.http.CookieCompliance;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;

/**
 * Request cookies, parsed by jetty's RFC 6265 cookie parser. A quoted value keeps its quotes
 * ({@code a="b"} gives {@code "b"}): RFC 6265 makes the DQUOTEs part of the cookie-value, and Tomcat
 * hands them to the application too (the TCK's {@code getValueQuotedTest}).
 */
final class RequestCookies {

    private RequestCookies() {}

    static Cookie[] parse(HttpFields fields) {
        List<HttpCookie> parsed = new CookieCache(CookieCompliance.RFC6265_QUOTED).getCookies(fields);
        List<Cookie> cookies = new ArrayList<>(parsed.size());
        for (HttpCookie cookie : parsed) {
            try {
                cookies.add(new Cookie(cookie.getName(), cookie.getValue()));
            } catch (IllegalArgumentException e) {
                // a name the Cookie class refuses (e.g. a reserved token) is dropped, as Tomcat does
            }
        }
        return cookies.toArray(Cookie[]::new);
    }
}
