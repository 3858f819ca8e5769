package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.testkit.FakeExchange;
import io.jgunicorn.bridge.testkit.TestApp;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import java.io.FileNotFoundException;
import java.io.IOException;
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
            FakeExchange ex = app.get("/app/missing");
            assertEquals(404, ex.responseStatus());
            assertEquals("page ERROR 404 nothing <here> /app/missing notFound null 404 /app/error/404", ex.responseText());
        }
    }

    @Test
    void unmappedPathGetsThe404PageToo() throws Exception {
        try (TestApp app = app().start()) {
            FakeExchange ex = app.get("/app/nowhere");
            assertEquals(404, ex.responseStatus());
            assertTrue(ex.responseText().startsWith("page ERROR 404"), ex.responseText());
        }
    }

    @Test
    void sendErrorWithoutAPageWritesAnEscapedDefaultPage() throws Exception {
        try (TestApp app = app().start()) {
            FakeExchange ex = app.get("/app/teapot");
            assertEquals(418, ex.responseStatus());
            assertEquals("text/html;charset=UTF-8", ex.sentHeader("Content-Type"));
            assertTrue(ex.responseText().contains("&lt;b&gt;tea&lt;/b&gt;"), ex.responseText());
        }
    }

    @Test
    void exceptionTypePageMatchesTheClosestSuperclass() throws Exception {
        try (TestApp app = app().start()) {
            FakeExchange ex = app.get("/app/io");
            assertEquals(500, ex.responseStatus());
            assertEquals("page ERROR 500 io failed /app/io io class java.io.FileNotFoundException 500 /app/error/io", ex.responseText());
        }
    }

    @Test
    void servletExceptionRootCauseIsUsedWhenItHasNoPageOfItsOwn() throws Exception {
        try (TestApp app = app().start()) {
            FakeExchange ex = app.get("/app/wrapped");
            assertEquals(500, ex.responseStatus());
            assertTrue(ex.responseText().contains("class java.lang.IllegalArgumentException 500 /app/error/iae"), ex.responseText());
        }
    }

    @Test
    void uncaughtExceptionWithoutPageIs500AndUnavailableIs503() throws Exception {
        try (TestApp app = app().start()) {
            FakeExchange ex = app.get("/app/runtime");
            assertEquals(500, ex.responseStatus());
            assertTrue(ex.responseText().contains("500 Server Error"), ex.responseText());
            assertEquals(503, app.get("/app/unavailable").responseStatus());
        }
    }

    @Test
    void exceptionAfterCommitIsRethrownSoTheContainerClosesTheConnection() throws Exception {
        try (TestApp app = app().start()) {
            FakeExchange ex = FakeExchange.get("/app/committed");
            assertThrows(IllegalStateException.class, () -> app.application().handle(ex));
            assertEquals("partial", ex.responseText());
        }
    }

    /** What was buffered before sendError or an exception is dropped whole: the error page's body is all there, its headers too. */
    @Test
    void anErrorPageAfterDiscardedOutputIsSentWholeWithTheHeadersSetBefore() throws Exception {
        try (TestApp app = app().start()) {
            FakeExchange gone = app.get("/app/discarded");
            assertEquals(410, gone.responseStatus());
            String text = gone.responseText();
            assertTrue(text.contains("gone for good") && text.endsWith("</html>\n"), text);
            assertTrue(!text.contains("discarded before"), text);
            assertEquals(String.valueOf(gone.responseBytes().length), gone.sentHeader("Content-Length"));
            assertEquals("yes", gone.sentHeader("X-Kept"));
            assertTrue(gone.sentHeader("Set-Cookie").startsWith("kept=1"), gone.sentHeader("Set-Cookie"));

            FakeExchange thrown = app.get("/app/discarded-throw");
            assertEquals(500, thrown.responseStatus());
            assertTrue(thrown.responseText().endsWith("</html>\n"), thrown.responseText());
            assertEquals(String.valueOf(thrown.responseBytes().length), thrown.sentHeader("Content-Length"));

            FakeExchange toPage = app.get("/app/discarded-page");
            assertEquals("page ERROR 404 none /app/discarded-page discardedToPage null 404 /app/error/404", toPage.responseText());
        }
    }
}
