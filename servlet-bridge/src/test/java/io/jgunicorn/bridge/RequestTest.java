package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgunicorn.bridge.testkit.LambdaServlet;
import io.jgunicorn.bridge.testkit.Probe;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import jakarta.servlet.ServletRequestAttributeEvent;
import jakarta.servlet.ServletRequestAttributeListener;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestTest {

    @BeforeEach
    void clear() {
        Probe.clear();
    }

    private static String run(RawRequest exchange, LambdaServlet.Handler handler) throws Exception {
        return run(TestApp.create(), exchange, handler);
    }

    private static String run(TestApp app, RawRequest exchange, LambdaServlet.Handler handler) throws Exception {
        try (TestApp started = app.contextPath("/app").responseEncoding("UTF-8").handler("h", handler, "/s/*").start()) {
            RawHttp.Response done = started.send(exchange);
            assertEquals(200, done.status(), done::toString);
            return done.text();
        }
    }

    @Test
    void queryAndFormParametersWithTheirCharsets() throws Exception {
        RawRequest post = RawRequest.of("POST", "/app/s?a=1&q=%C3%A9")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .body("a=2&b=%E2%82%AC+x&empty=");
        String out = run(post, (req, resp) -> resp.getWriter().print(
                List.of(req.getParameterValues("a")) + " " + req.getParameter("q") + " " + req.getParameter("b")
                        + " [" + req.getParameter("empty") + "] " + Collections.list(req.getParameterNames())));
        assertEquals("[1, 2] é € x [] [a, q, b, empty]", out);
    }

    @Test
    void formBodyDefaultsToIso88591AndSetCharacterEncodingOverrides() throws Exception {
        RawRequest latin = RawRequest.of("POST", "/app/s").header("Content-Type", "application/x-www-form-urlencoded").body("n=%E9");
        assertEquals("é", run(latin, (req, resp) -> resp.getWriter().print(req.getParameter("n"))));
        RawRequest utf8 = RawRequest.of("POST", "/app/s").header("Content-Type", "application/x-www-form-urlencoded").body("n=%C3%A9");
        String out = run(utf8, (req, resp) -> {
            req.setCharacterEncoding("UTF-8");
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().print(req.getParameter("n") + " " + req.getCharacterEncoding());
        });
        assertEquals("é UTF-8", out);
        RawRequest ctxDefault = RawRequest.of("POST", "/app/s").header("Content-Type", "application/x-www-form-urlencoded").body("n=%C3%A9");
        assertEquals("é", run(TestApp.create().requestEncoding("UTF-8").responseEncoding("UTF-8"), ctxDefault,
                (req, resp) -> resp.getWriter().print(req.getParameter("n"))));
    }

    @Test
    void formBodyIsNotParsedOnceTheApplicationReadTheStream() throws Exception {
        RawRequest post = RawRequest.of("POST", "/app/s").header("Content-Type", "application/x-www-form-urlencoded").body("a=1");
        assertEquals("a=1 null", run(post, (req, resp) -> {
            String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            resp.getWriter().print(body + " " + req.getParameter("a"));
        }));
    }

    @Test
    void readerAndInputStreamAreExclusiveAndReaderUsesTheCharset() throws Exception {
        RawRequest post = RawRequest.of("POST", "/app/s").header("Content-Type", "text/plain; charset=UTF-8").body("héllo");
        assertEquals("héllo", run(post, (req, resp) -> {
            String text = req.getReader().readLine();
            assertThrows(IllegalStateException.class, req::getInputStream);
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().print(text);
        }));
        RawRequest other = RawRequest.of("POST", "/app/s").body("x");
        run(other, (req, resp) -> {
            req.getInputStream();
            assertThrows(IllegalStateException.class, req::getReader);
        });
    }

    @Test
    void headersAndTypedHeaders() throws Exception {
        RawRequest get = RawRequest.get("/app/s").header("X-A", "1").header("X-A", "2").header("X-Num", "42")
                .header("If-Modified-Since", "Thu, 01 Jan 1970 00:00:01 GMT");
        assertEquals("1 [1, 2] 42 1000 -1 null", run(get, (req, resp) -> resp.getWriter().print(
                req.getHeader("x-a") + " " + Collections.list(req.getHeaders("X-A")) + " " + req.getIntHeader("X-Num") + " "
                        + req.getDateHeader("If-Modified-Since") + " " + req.getIntHeader("X-None") + " " + req.getHeader("X-None"))));
    }

    @Test
    void connectionFactsUrlAndIds() throws Exception {
        // RawHttp's connection: peer 127.0.0.1:40000, local port 8000, id raw-1; the URL from the Host
        RawRequest get = RawRequest.get("/app/s/p?x=1").host("localhost:8080").tls();
        assertEquals("https://localhost:8080/app/s/p x=1 true 127.0.0.1 40000 8000 " + ProcessHandle.current().pid()
                        + "-raw-1-1 HTTP/1.1 raw-1",
                run(get, (req, resp) -> resp.getWriter().print(req.getRequestURL() + " " + req.getQueryString() + " " + req.isSecure()
                        + " " + req.getRemoteAddr() + " " + req.getRemotePort() + " " + req.getLocalPort() + " " + req.getRequestId()
                        + " " + req.getProtocol() + " " + req.getServletConnection().getConnectionId())));
    }

    @Test
    void cookiesAndLocales() throws Exception {
        RawRequest get = RawRequest.get("/app/s").header("Cookie", "a=1; b=\"two\"").header("Accept-Language", "de;q=0.5, fr-CA, en;q=0.8");
        assertEquals("a=1 b=\"two\" [fr_CA, en, de]", run(get, (req, resp) -> { // quotes kept, as in Tomcat
            var cookies = req.getCookies();
            resp.getWriter().print(cookies[0].getName() + "=" + cookies[0].getValue() + " " + cookies[1].getName() + "="
                    + cookies[1].getValue() + " " + Collections.list(req.getLocales()));
        }));
        assertEquals("null " + Locale.getDefault(), run(RawRequest.get("/app/s"),
                (req, resp) -> resp.getWriter().print(req.getCookies() + " " + req.getLocale())));
    }

    public static class AttributeListener implements ServletRequestAttributeListener {
        @Override
        public void attributeAdded(ServletRequestAttributeEvent e) {
            Probe.record("added " + e.getName() + "=" + e.getValue());
        }

        @Override
        public void attributeReplaced(ServletRequestAttributeEvent e) {
            Probe.record("replaced " + e.getName() + "=" + e.getValue());
        }

        @Override
        public void attributeRemoved(ServletRequestAttributeEvent e) {
            Probe.record("removed " + e.getName() + "=" + e.getValue());
        }
    }

    @Test
    void attributesFireRequestAttributeListeners() throws Exception {
        run(TestApp.create().listener(AttributeListener.class), RawRequest.get("/app/s"), (req, resp) -> {
            req.setAttribute("k", "v1");
            req.setAttribute("k", "v2");
            req.removeAttribute("k");
            assertNull(req.getAttribute("k"));
        });
        assertEquals(List.of("added k=v1", "replaced k=v1", "removed k=v2"), Probe.events());
    }

    @Test
    void trailerFieldsAreReadyAfterTheBody() throws Exception {
        RawRequest post = RawRequest.of("POST", "/app/s").chunked("", "Digest: x");
        assertEquals("false {digest=x}", run(post, (req, resp) -> {
            boolean before = req.isTrailerFieldsReady();
            req.getInputStream().readAllBytes();
            resp.getWriter().print(before + " " + req.getTrailerFields());
        }));
    }

    @Test
    void contextPathRootMeansEmptyString() throws Exception {
        try (TestApp app = TestApp.create().handler("h", (req, resp) -> resp.getWriter().print("[" + req.getContextPath() + "]" + req.getServletPath()), "/s").start()) {
            assertEquals("[]/s", app.get("/s").text());
        }
    }

    @Test
    void requestIdIsTheExchangeIdAndProtocolIdIsEmptyForHttp1() throws Exception {
        assertEquals(ProcessHandle.current().pid() + "-raw-1-1[]", run(RawRequest.get("/app/s"),
                (req, resp) -> resp.getWriter().print(req.getRequestId() + "[" + req.getProtocolRequestId() + "]")));
    }
}
