package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ResponseTest {

    private static RawHttp.Response run(String method, String target, io.jgunicorn.bridge.testkit.LambdaServlet.Handler handler) throws Exception {
        try (TestApp app = TestApp.create().contextPath("/app").handler("h", handler, "/").start()) {
            return app.send(RawRequest.of(method, target));
        }
    }

    @Test
    void smallBodyIsBufferedAndGetsAContentLength() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            resp.getOutputStream().write("hello".getBytes());
            assertFalse(resp.isCommitted());
        });
        assertEquals("5", ex.header("Content-Length"));
        assertEquals("hello", ex.text());
    }

    @Test
    void bodyLargerThanTheBufferCommitsWithoutContentLength() throws Exception {
        byte[] big = new byte[10_000];
        Arrays.fill(big, (byte) 'a');
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            assertEquals(8192, resp.getBufferSize());
            resp.getOutputStream().write(big);
            assertTrue(resp.isCommitted());
            resp.setStatus(500);
            resp.setHeader("X-Late", "1");
        });
        assertEquals(200, ex.status());
        assertNull(ex.header("Content-Length"));
        assertNull(ex.header("X-Late"));
        assertEquals(10_000, ex.body().length);
    }

    @Test
    void resetBufferAndResetDiscardWhatWasNotCommitted() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            resp.setHeader("X-Gone", "1");
            resp.setStatus(404);
            resp.getWriter().print("discarded");
            resp.reset();
            resp.getOutputStream().print("kept-");
            resp.resetBuffer();
            resp.getOutputStream().print("final");
        });
        assertEquals(200, ex.status());
        assertNull(ex.header("X-Gone"));
        assertEquals("final", ex.text());
    }

    @Test
    void flushBufferCommitsAndResetBufferThenFails() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            resp.getWriter().print("a");
            resp.flushBuffer();
            assertTrue(resp.isCommitted());
            assertThrows(IllegalStateException.class, resp::resetBuffer);
            assertThrows(IllegalStateException.class, () -> resp.sendError(500));
        });
        assertEquals("a", ex.text());
    }

    @Test
    void contentLengthCompletesTheResponseAndExtraBytesAreDropped() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            resp.setContentLengthLong(5L);
            resp.getOutputStream().write("12345678".getBytes());
            assertTrue(resp.isCommitted());
        });
        assertEquals("5", ex.header("Content-Length"));
        assertEquals("12345", ex.text());
    }

    @Test
    void writerAndStreamAreExclusive() throws Exception {
        run("GET", "/app/x", (req, resp) -> {
            resp.getWriter();
            assertThrows(IllegalStateException.class, resp::getOutputStream);
        });
        run("GET", "/app/x", (req, resp) -> {
            resp.getOutputStream();
            assertThrows(IllegalStateException.class, resp::getWriter);
        });
    }

    @Test
    void characterEncodingRulesForContentTypeWriterAndLocale() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            resp.setContentType("text/html");
            assertEquals("text/html", resp.getContentType());
            resp.setCharacterEncoding("UTF-8");
            assertEquals("text/html;charset=UTF-8", resp.getContentType());
            resp.getWriter().print("é");
            resp.setCharacterEncoding("ISO-8859-1");
            resp.setContentType("text/plain;charset=US-ASCII");
            assertEquals("text/plain;charset=UTF-8", resp.getContentType());
        });
        assertEquals("text/plain;charset=UTF-8", ex.header("Content-Type"));
        assertEquals("é", ex.text());

        RawHttp.Response ja = run("GET", "/app/x", (req, resp) -> {
            resp.setContentType("text/plain");
            resp.setLocale(Locale.JAPANESE);
            resp.getWriter().print("日本");
        });
        assertEquals("text/plain;charset=Shift_JIS", ja.header("Content-Type"));
        assertEquals("ja", ja.header("Content-Language"));
        assertEquals("日本", new String(ja.body(), Charset.forName("Shift_JIS")));
    }

    @Test
    void headRequestSendsHeadersAndContentLengthButNoBody() throws Exception {
        RawHttp.Response ex = run("HEAD", "/app/x", (req, resp) -> resp.getWriter().print("twelve bytes"));
        assertEquals("12", ex.header("Content-Length"));
        assertEquals(0, ex.body().length);
    }

    @Test
    void sendRedirectResolvesRelativeLocationsAgainstTheRequest() throws Exception {
        RawHttp.Response ex = run("GET", "/app/dir/page", (req, resp) -> {
            resp.getWriter().print("dropped");
            resp.sendRedirect("next?a=1");
            assertTrue(resp.isCommitted());
        });
        assertEquals(302, ex.status());
        assertEquals("/app/dir/next?a=1", ex.header("Location"));
        assertEquals("0", ex.header("Content-Length"));

        RawHttp.Response up = run("GET", "/app/dir/page", (req, resp) -> resp.sendRedirect("../top", 303, true));
        assertEquals(303, up.status());
        assertEquals("/app/top", up.header("Location"));
        RawHttp.Response abs = run("GET", "/app/dir/page", (req, resp) -> resp.sendRedirect("https://example.com/x"));
        assertEquals("https://example.com/x", abs.header("Location"));
    }

    /** absolute_redirects: the Location is an absolute URL from the request's scheme, server name and port. */
    @Test
    void withAbsoluteRedirectsTheLocationIsAnAbsoluteUrl() throws Exception {
        try (TestApp app = TestApp.create().contextPath("/app").options(BridgeOptions.DEFAULTS.withAbsoluteRedirects(true))
                .handler("h", (req, resp) -> resp.sendRedirect(req.getParameter("to")), "/").start()) {
            // the server name and port are the Host's; the scheme's default port is left out
            assertEquals("http://localhost:8080/app/dir/next?a=1",
                    app.send(RawRequest.get("/app/dir/page?to=next%3Fa%3D1").host("localhost:8080")).header("Location"));
            assertEquals("http://localhost/top", app.get("/app/dir/page?to=/top").header("Location"));
            assertEquals("https://localhost:8080/x", app.send(RawRequest.get("/app/p?to=/x").host("localhost:8080").tls()).header("Location"));
            assertEquals("https://localhost/x", app.send(RawRequest.get("/app/p?to=/x").tls()).header("Location"));
            assertEquals("http://cdn.example/y", app.get("/app/p?to=//cdn.example/y").header("Location"));
            assertEquals("ftp://files.example/z", app.get("/app/p?to=ftp://files.example/z").header("Location"));
        }
    }

    @Test
    void headersDatesAndCookies() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            resp.addHeader("X-Multi", "a");
            resp.addHeader("X-Multi", "b");
            resp.setIntHeader("X-Int", 7);
            resp.setDateHeader("X-Date", 0);
            var cookie = new jakarta.servlet.http.Cookie("name", "value");
            cookie.setPath("/app");
            cookie.setMaxAge(60);
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            resp.addCookie(cookie);
            assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(resp.getHeaders("X-Multi")));
            assertTrue(resp.containsHeader("x-int"));
        });
        assertEquals("7", ex.header("X-Int"));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", ex.header("X-Date"));
        String setCookie = ex.header("Set-Cookie");
        assertTrue(setCookie.startsWith("name=value; Max-Age=60; Expires="), setCookie);
        assertTrue(setCookie.contains("; Path=/app"), setCookie);
        assertTrue(setCookie.contains("; SameSite=Lax"), setCookie);
        assertTrue(setCookie.endsWith("; HttpOnly"), setCookie);
    }

    @Test
    void aCookieDeletedWithMaxAgeZeroHasOnlyAnExpiresInThePastAndAQuotedValueIsSentAsItIs() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            var gone = new jakarta.servlet.http.Cookie("gone", "x");
            gone.setMaxAge(0);
            resp.addCookie(gone);
            resp.addCookie(new jakarta.servlet.http.Cookie("quoted", "\"v1\""));
            resp.addCookie(new jakarta.servlet.http.Cookie("spaced", "a b"));
        });
        List<String> cookies = ex.headers("Set-Cookie");
        assertEquals("gone=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT", cookies.get(0));
        assertEquals("quoted=\"v1\"", cookies.get(1));
        assertEquals("spaced=\"a b\"", cookies.get(2));
    }

    @Test
    void trailersOnAnHttp10ResponseAreRefused() throws Exception {
        try (var app = io.jgunicorn.bridge.testkit.TestApp.create().contextPath("/app")
                .handler("t", (req, resp) -> {
                    try {
                        resp.setTrailerFields(() -> java.util.Map.of("checksum", "abc"));
                        resp.getWriter().print("accepted");
                    } catch (IllegalStateException e) {
                        resp.getWriter().print("refused");
                    }
                }, "/t").start()) {
            assertEquals("refused", app.send(RawRequest.get("/app/t").version("HTTP/1.0")).text());
            assertEquals("accepted", app.send(RawRequest.get("/app/t")).text());
        }
    }

    @Test
    void trailersAreHandedToTheExchange() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> resp.setTrailerFields(() -> java.util.Map.of("checksum", "abc")));
        assertEquals("chunked", ex.header("Transfer-Encoding"), "trailers need a chunked body");
        assertEquals("abc", ex.trailer("checksum"));
        assertTrue(ex.wire().endsWith("\r\n0\r\nchecksum: abc\r\n\r\n"), ex::toString);
    }

    @Test
    void closingTheStreamEndsTheBodyWithAContentLength() throws Exception {
        RawHttp.Response ex = run("GET", "/app/x", (req, resp) -> {
            resp.getOutputStream().print("closed");
            resp.getOutputStream().close();
            assertTrue(resp.isCommitted());
            resp.getOutputStream().print(" more");
        });
        assertEquals("6", ex.header("Content-Length"));
        assertEquals("closed", ex.text());
    }
}
