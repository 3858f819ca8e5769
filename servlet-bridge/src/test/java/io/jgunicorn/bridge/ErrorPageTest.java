package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorPageTest {

    private static TestApp app() {
        return TestApp.create().contextPath("/app")
                .handler("error", (req, resp) -> resp.getWriter().print("page " + req.getDispatcherType() + " "
                        + req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) + " "
                        + req.getAttribute(RequestDispatcher.ERROR_MESSAGE) + " "
                        + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + " "
                        + req.getAttribute(RequestDispatcher.ERROR_SERVLET_NAME) + " "
                        + req.getAttribute(RequestDispatcher.ERROR_EXCEPTION_TYPE) + " "
                        + resp.getStatus() + " " + req.getRequestURI()), "/error/*")
                .handler("notFound", (req, resp) -> resp.sendError(404, "nothing <here>"), "/missing")
                .handler("teapot", (req, resp) -> resp.sendError(418, "<b>tea</b>"), "/teapot")
                .handler("io", (req, resp) -> { throw new FileNotFoundException("io failed"); }, "/io")
                .handler("wrapped", (req, resp) -> { throw new ServletException("outer", new IllegalArgumentException("inner")); }, "/wrapped")
                .handler("runtime", (req, resp) -> { throw new IllegalStateException("boom"); }, "/runtime")
                .handler("unavailable", (req, resp) -> { throw new UnavailableException("later", 10); }, "/unavailable")
                .handler("committed", (req, resp) -> {
                    resp.getWriter().print("partial");
                    resp.flushBuffer();
                    throw new IllegalStateException("after commit");
                }, "/committed")
                .handler("discarded", (req, resp) -> {
                    resp.getWriter().println("discarded before sendError");
                    resp.addHeader("X-Kept", "yes");
                    resp.addCookie(new jakarta.servlet.http.Cookie("kept", "1"));
                    resp.sendError(410, "gone for good");
                }, "/discarded")
                .handler("discardedThrow", (req, resp) -> {
                    resp.getOutputStream().write(new byte[3000]);
                    throw new IllegalStateException("thrown after 3000 buffered bytes");
                }, "/discarded-throw")
                .handler("discardedToPage", (req, resp) -> {
                    resp.getWriter().print("x".repeat(500));
                    resp.sendError(404, "none");
                }, "/discarded-page")
                .errorPage(404, null, "/error/404")
                .errorPage(null, IOException.class.getName(), "/error/io")
                .errorPage(null, IllegalArgumentException.class.getName(), "/error/iae");
    }

    @Test
    void sendErrorDispatchesTheErrorPageForTheCode() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/missing");
            assertEquals(404, ex.status());
            assertEquals("page ERROR 404 nothing <here> /app/missing notFound null 404 /app/error/404", ex.text());
        }
    }

    @Test
    void unmappedPathGetsThe404PageToo() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/nowhere");
            assertEquals(404, ex.status());
            assertTrue(ex.text().startsWith("page ERROR 404"), ex.text());
        }
    }

    @Test
    void sendErrorWithoutAPageWritesAnEscapedDefaultPage() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/teapot");
            assertEquals(418, ex.status());
            assertEquals("text/html;charset=UTF-8", ex.header("Content-Type"));
            assertTrue(ex.text().contains("&lt;b&gt;tea&lt;/b&gt;"), ex.text());
        }
    }

    @Test
    void exceptionTypePageMatchesTheClosestSuperclass() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/io");
            assertEquals(500, ex.status());
            assertEquals("page ERROR 500 io failed /app/io io class java.io.FileNotFoundException 500 /app/error/io", ex.text());
        }
    }

    @Test
    void servletExceptionRootCauseIsUsedWhenItHasNoPageOfItsOwn() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/wrapped");
            assertEquals(500, ex.status());
            assertTrue(ex.text().contains("class java.lang.IllegalArgumentException 500 /app/error/iae"), ex.text());
        }
    }

    @Test
    void uncaughtExceptionWithoutPageIs500AndUnavailableIs503() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/runtime");
            assertEquals(500, ex.status());
            assertTrue(ex.text().contains("500 Server Error"), ex.text());
            assertEquals(503, app.rawGet("/app/unavailable").status());
        }
    }

    @Test
    void exceptionAfterCommitIsRethrownSoTheContainerClosesTheConnection() throws Exception {
        try (TestApp app = app().start()) {
            // a second request on the same connection: it is never answered, the connection closed
            byte[] raw = RawHttp.exchange(app.application(),
                    (RawHttp.get("/app/committed") + RawHttp.get("/app/teapot")).getBytes(StandardCharsets.ISO_8859_1), Map.of());
            String wire = new String(raw, StandardCharsets.ISO_8859_1);
            assertTrue(wire.startsWith("HTTP/1.1 200 "), wire);
            assertTrue(wire.contains("Transfer-Encoding: chunked\r\n"), wire);
            assertTrue(wire.endsWith("\r\n7\r\npartial\r\n"), "cut after what was flushed, no last chunk: " + wire);
            assertEquals(1, wire.split("HTTP/1.1 ", -1).length - 1, wire);
        }
    }

    /** What was buffered before sendError or an exception is dropped whole: the error page's body is all there, its headers too. */
    @Test
    void anErrorPageAfterDiscardedOutputIsSentWholeWithTheHeadersSetBefore() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response gone = app.get("/app/discarded");
            assertEquals(410, gone.status());
            String text = gone.text();
            assertTrue(text.contains("gone for good") && text.endsWith("</html>\n"), text);
            assertTrue(!text.contains("discarded before"), text);
            assertEquals(String.valueOf(gone.body().length), gone.header("Content-Length"));
            assertEquals("yes", gone.header("X-Kept"));
            assertTrue(gone.header("Set-Cookie").startsWith("kept=1"), gone.header("Set-Cookie"));

            RawHttp.Response thrown = app.get("/app/discarded-throw");
            assertEquals(500, thrown.status());
            assertTrue(thrown.text().endsWith("</html>\n"), thrown.text());
            assertEquals(String.valueOf(thrown.body().length), thrown.header("Content-Length"));

            RawHttp.Response toPage = app.get("/app/discarded-page");
            assertEquals("page ERROR 404 none /app/discarded-page discardedToPage null 404 /app/error/404", toPage.text());
        }
    }
}
