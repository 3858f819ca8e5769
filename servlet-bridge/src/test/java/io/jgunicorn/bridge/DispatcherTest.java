package io.jgunicorn.bridge;

import io.jgunicorn.container.testkit.RawHttp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.testkit.PathServlet;
import io.jgunicorn.bridge.testkit.Probe;
import io.jgunicorn.bridge.testkit.TestApp;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    @BeforeEach
    void clear() {
        Probe.clear();
    }

    public static class TypeFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            Probe.record(request.getDispatcherType() + " " + ((HttpServletRequest) request).getRequestURI());
            chain.doFilter(request, response);
        }
    }

    private static TestApp app() {
        return TestApp.create().contextPath("/app")
                .servlet("target", PathServlet.class, "/target/*")
                .handler("forwarder", (req, resp) -> {
                    resp.getWriter().print("discarded");
                    req.getRequestDispatcher("/target/x?extra=1").forward(req, resp);
                    resp.getWriter().print(" ignored after forward");
                }, "/fwd/*")
                .handler("attrs", (req, resp) -> {
                    HttpServletMapping mapping = (HttpServletMapping) req.getAttribute(RequestDispatcher.FORWARD_MAPPING);
                    resp.getWriter().print(req.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) + " "
                            + req.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH) + " "
                            + req.getAttribute(RequestDispatcher.FORWARD_PATH_INFO) + " "
                            + req.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING) + " "
                            + mapping.getServletName() + " " + req.getParameter("extra") + " " + req.getParameter("orig")
                            + " " + req.getQueryString() + " " + req.getServletPath());
                }, "/attrs")
                .handler("toAttrs", (req, resp) -> req.getRequestDispatcher("/attrs?extra=2").forward(req, resp), "/to-attrs/*")
                .handler("includer", (req, resp) -> {
                    resp.getWriter().print("before|");
                    req.getRequestDispatcher("/included/y?i=1").include(req, resp);
                    resp.getWriter().print("|after " + req.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI));
                }, "/inc")
                .handler("included", (req, resp) -> {
                    resp.setStatus(500);
                    resp.setHeader("X-Included", "no");
                    resp.getWriter().print(req.getDispatcherType() + " " + req.getServletPath() + " "
                            + req.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) + " "
                            + req.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO) + " " + req.getParameter("i"));
                }, "/included/*")
                .handler("named", (req, resp) -> req.getServletContext().getNamedDispatcher("target").forward(req, resp), "/named")
                .handler("relative", (req, resp) -> req.getRequestDispatcher("../../target/rel").forward(req, resp), "/rel/a/*")
                .filter(FilterDef.of("types", TypeFilter.class.getName()), List.of("/*"), List.of(), Set.of("REQUEST", "FORWARD", "INCLUDE"));
    }

    @Test
    void forwardShowsTheTargetPathsAndClosesTheResponse() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/fwd/a?orig=1");
            assertEquals("/target|/x|PATH|x|/target/*|target|/app/target/x|/app|FORWARD", ex.text());
            assertEquals(List.of("REQUEST /app/fwd/a", "FORWARD /app/target/x"), Probe.events());
        }
    }

    @Test
    void forwardAttributesDescribeTheOriginalRequestAndQueryParametersMerge() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/to-attrs/p?orig=1&extra=0");
            assertEquals("/app/to-attrs/p /to-attrs /p orig=1&extra=0 toAttrs 2 1 extra=2 /attrs", ex.text());
        }
    }

    @Test
    void includeKeepsThePathsSetsIncludeAttributesAndCannotChangeHeaders() throws Exception {
        try (TestApp app = app().start()) {
            RawHttp.Response ex = app.rawGet("/app/inc");
            assertEquals("before|INCLUDE /inc /included /y 1|after null", ex.text());
            assertEquals(200, ex.status());
            assertNull(ex.header("X-Included"));
            assertEquals(List.of("REQUEST /app/inc", "INCLUDE /app/inc"), Probe.events());
        }
    }

    @Test
    void namedDispatchKeepsTheOriginalPaths() throws Exception {
        try (TestApp app = app().start()) {
            assertEquals("/named|null|EXACT|named|/named|named|/app/named|/app|FORWARD", app.rawGet("/app/named").text());
        }
    }

    @Test
    void relativeDispatcherPathsResolveAgainstTheCurrentPath() throws Exception {
        try (TestApp app = app().start()) {
            assertEquals("/target|/rel|PATH|rel|/target/*|target|/app/target/rel|/app|FORWARD", app.rawGet("/app/rel/a/b").text());
        }
    }
}
