package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.testkit.FakeExchange;
import io.jgunicorn.bridge.testkit.TestApp;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ResponseTest {

    private static FakeExchange run(String method, String target, io.jgunicorn.bridge.testkit.LambdaServlet.Handler handler) throws Exception {
        try (TestApp app = TestApp.create().contextPath("/app").handler("h", handler, "/").start()) {
            return app.send(new FakeExchange(method, target));
        }
    }

    @Test
    void smallBodyIsBufferedAndGetsAContentLength() throws Exception {
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
            resp.getOutputStream().write("hello".getBytes());
            assertFalse(resp.isCommitted());
        });
        assertEquals("5", ex.sentHeader("Content-Length"));
        assertEquals("hello", ex.responseText());
    }

    @Test
    void bodyLargerThanTheBufferCommitsWithoutContentLength() throws Exception {
        byte[] big = new byte[10_000];
        Arrays.fill(big, (byte) 'a');
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
            assertEquals(8192, resp.getBufferSize());
            resp.getOutputStream().write(big);
            assertTrue(resp.isCommitted());
            resp.setStatus(500);
            resp.setHeader("X-Late", "1");
        });
        assertEquals(200, ex.responseStatus());
        assertNull(ex.sentHeader("Content-Length"));
        assertNull(ex.sentHeader("X-Late"));
        assertEquals(10_000, ex.responseBytes().length);
    }

    @Test
    void resetBufferAndResetDiscardWhatWasNotCommitted() throws Exception {
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
            resp.setHeader("X-Gone", "1");
            resp.setStatus(404);
            resp.getWriter().print("discarded");
            resp.reset();
            resp.getOutputStream().print("kept-");
            resp.resetBuffer();
            resp.getOutputStream().print("final");
        });
        assertEquals(200, ex.responseStatus());
        assertNull(ex.sentHeader("X-Gone"));
        assertEquals("final", ex.responseText());
    }

    @Test
    void flushBufferCommitsAndResetBufferThenFails() throws Exception {
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
            resp.getWriter().print("a");
            resp.flushBuffer();
            assertTrue(resp.isCommitted());
            assertThrows(IllegalStateException.class, resp::resetBuffer);
            assertThrows(IllegalStateException.class, () -> resp.sendError(500));
        });
        assertEquals("a", ex.responseText());
    }

    @Test
    void contentLengthCompletesTheResponseAndExtraBytesAreDropped() throws Exception {
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
            resp.setContentLengthLong(5L);
            resp.getOutputStream().write("12345678".getBytes());
            assertTrue(resp.isCommitted());
        });
        assertEquals("5", ex.sentHeader("Content-Length"));
        assertEquals("12345", ex.responseText());
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
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
            resp.setContentType("text/html");
            assertEquals("text/html", resp.getContentType());
            resp.setCharacterEncoding("UTF-8");
            assertEquals("text/html;charset=UTF-8", resp.getContentType());
            resp.getWriter().print("é");
            resp.setCharacterEncoding("ISO-8859-1");
            resp.setContentType("text/plain;charset=US-ASCII");
            assertEquals("text/plain;charset=UTF-8", resp.getContentType());
        });
        assertEquals("text/plain;charset=UTF-8", ex.sentHeader("Content-Type"));
        assertEquals("é", ex.responseText());

        FakeExchange ja = run("GET", "/app/x", (req, resp) -> {
            resp.setContentType("text/plain");
            resp.setLocale(Locale.JAPANESE);
            resp.getWriter().print("日本");
        });
        assertEquals("text/plain;charset=Shift_JIS", ja.sentHeader("Content-Type"));
        assertEquals("ja", ja.sentHeader("Content-Language"));
        assertEquals("日本", new String(ja.responseBytes(), Charset.forName("Shift_JIS")));
    }

    @Test
    void headRequestSendsHeadersAndContentLengthButNoBody() throws Exception {
        FakeExchange ex = run("HEAD", "/app/x", (req, resp) -> resp.getWriter().print("twelve bytes"));
        assertEquals("12", ex.sentHeader("Content-Length"));
        assertEquals(0, ex.responseBytes().length);
    }

    @Test
    void sendRedirectResolvesRelativeLocationsAgainstTheRequest() throws Exception {
        FakeExchange ex = run("GET", "/app/dir/page", (req, resp) -> {
            resp.getWriter().print("dropped");
            resp.sendRedirect("next?a=1");
            assertTrue(resp.isCommitted());
        });
        assertEquals(302, ex.responseStatus());
        assertEquals("/app/dir/next?a=1", ex.sentHeader("Location"));
        assertEquals("0", ex.sentHeader("Content-Length"));

        FakeExchange up = run("GET", "/app/dir/page", (req, resp) -> resp.sendRedirect("../top", 303, true));
        assertEquals(303, up.responseStatus());
        assertEquals("/app/top", up.sentHeader("Location"));
        FakeExchange abs = run("GET", "/app/dir/page", (req, resp) -> resp.sendRedirect("https://example.com/x"));
        assertEquals("https://example.com/x", abs.sentHeader("Location"));
    }

    /** absolute_redirects: the Location is an absolute URL from the request's scheme, server name and port. */
    @Test
    void withAbsoluteRedirectsTheLocationIsAnAbsoluteUrl() throws Exception {
        try (TestApp app = TestApp.create().contextPath("/app").options(BridgeOptions.DEFAULTS.withAbsoluteRedirects(true))
                .handler("h", (req, resp) -> resp.sendRedirect(req.getParameter("to")), "/").start()) {
            // the fake exchange's server is localhost:8080
            assertEquals("http://localhost:8080/app/dir/next?a=1", app.get("/app/dir/page?to=next%3Fa%3D1").sentHeader("Location"));
            assertEquals("http://localhost:8080/top", app.get("/app/dir/page?to=/top").sentHeader("Location"));
            assertEquals("https://localhost:8080/x", app.send(FakeExchange.get("/app/p?to=/x").https()).sentHeader("Location"));
            assertEquals("http://cdn.example/y", app.get("/app/p?to=//cdn.example/y").sentHeader("Location"));
            assertEquals("ftp://files.example/z", app.get("/app/p?to=ftp://files.example/z").sentHeader("Location"));
        }
    }

    @Test
    void headersDatesAndCookies() throws Exception {
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
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
        assertEquals("7", ex.sentHeader("X-Int"));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", ex.sentHeader("X-Date"));
        String setCookie = ex.sentHeader("Set-Cookie");
        assertTrue(setCookie.startsWith("name=value; Max-Age=60; Expires="), setCookie);
        assertTrue(setCookie.contains("; Path=/app"), setCookie);
        assertTrue(setCookie.contains("; SameSite=Lax"), setCookie);
        assertTrue(setCookie.endsWith("; HttpOnly"), setCookie);
    }

    @Test
    void aCookieDeletedWithMaxAgeZeroHasOnlyAnExpiresInThePastAndAQuotedValueIsSentAsItIs() throws Exception {
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
            var gone = new jakarta.servlet.http.Cookie("gone", "x");
            gone.setMaxAge(0);
            resp.addCookie(gone);
            resp.addCookie(new jakarta.servlet.http.Cookie("quoted", "\"v1\""));
            resp.addCookie(new jakarta.servlet.http.Cookie("spaced", "a b"));
        });
        List<String> cookies = ex.sentHeaders().getValuesList("Set-Cookie");
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
            assertEquals("refused", app.send(FakeExchange.get("/app/t").version(org.eclipse.jetty.http.HttpVersion.HTTP_1_0)).responseText());
            assertEquals("accepted", app.send(FakeExchange.get("/app/t")).responseText());
        }
    }

    @Test
    void trailersAreHandedToTheExchange() throws Exception {
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> resp.setTrailerFields(() -> java.util.Map.of("checksum", "abc")));
        assertEquals("abc", ex.responseTrailerSupplier().get().get("checksum"));
    }

    @Test
    void closingTheStreamEndsTheBodyWithAContentLength() throws Exception {
        FakeExchange ex = run("GET", "/app/x", (req, resp) -> {
            resp.getOutputStream().print("closed");
            resp.getOutputStream().close();
            assertTrue(resp.isCommitted());
            resp.getOutputStream().print(" more");
        });
        assertEquals("6", ex.sentHeader("Content-Length"));
        assertEquals("closed", ex.responseText());
    }
}
