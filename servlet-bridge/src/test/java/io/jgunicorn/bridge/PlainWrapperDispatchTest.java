package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Forward, include and {@code AsyncContext.dispatch} of a request the application wrapped in a plain
 * {@link ServletRequestWrapper} (no HTTP view): the target gets that very wrapper, and through it
 * the dispatch's type and attributes; the wrapper is back as it was once the dispatch returns.
 */
class PlainWrapperDispatchTest {

    /** The application's own wrapper: plain, with something of its own. */
    public static final class Marked extends ServletRequestWrapper {
        public Marked(ServletRequest request) {
            super(request);
        }

        @Override
        public String getParameter(String name) {
            return "mark".equals(name) ? "marked" : super.getParameter(name);
        }
    }

    /** A generic (non-HTTP) target, as a plain request can only be served by one. */
    public static final class PlainTarget extends GenericServlet {
        @Override
        public void service(ServletRequest req, ServletResponse res) throws IOException {
            Object uri = switch (req.getDispatcherType()) {
                case FORWARD -> req.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
                case INCLUDE -> req.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI);
                case ASYNC -> req.getAttribute(AsyncContext.ASYNC_REQUEST_URI);
                default -> null;
            };
            res.getWriter().print("[" + req.getDispatcherType() + " " + uri + " " + (req instanceof Marked)
                    + " " + req.getParameter("mark") + " q=" + req.getParameter("q") + "]");
        }
    }

    private static TestApp app() {
        return TestApp.create().contextPath("/app")
                .servlet("plain", PlainTarget.class, "/plain")
                .handler("forward", (req, resp) -> {
                    Marked wrapped = new Marked(req);
                    req.getRequestDispatcher("/plain?q=f").forward(wrapped, resp);
                }, "/forward")
                .handler("include", (req, resp) -> {
                    Marked wrapped = new Marked(req);
                    resp.getWriter().print("before");
                    req.getRequestDispatcher("/plain?q=i").include(wrapped, resp);
                    // the dispatch's request is out of the wrapper again
                    resp.getWriter().print("after " + wrapped.getRequest().equals(req) + " " + wrapped.getDispatcherType()
                            + " " + wrapped.getParameter("q"));
                }, "/include")
                .handler("async", true, (req, resp) -> req.startAsync(new Marked(req), resp).dispatch("/plain?q=a"), "/async");
    }

    @Test
    void theTargetGetsTheApplicationsPlainWrapperWithTheDispatchBeneathIt() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response forward = app.get("/app/forward");
            assertEquals(200, forward.status(), forward.text());
            assertEquals("[FORWARD /app/forward true marked q=f]", forward.text());

            RawHttp.Response include = app.get("/app/include");
            assertEquals("before[INCLUDE /app/plain true marked q=i]after true REQUEST null", include.text());

            RawHttp.Response async = app.get("/app/async");
            assertEquals("[ASYNC /app/async true marked q=a]", async.text());
        }
    }
}
