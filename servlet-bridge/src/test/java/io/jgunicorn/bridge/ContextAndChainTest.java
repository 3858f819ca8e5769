package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.testkit.Probe;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextAndChainTest {

    @BeforeEach
    void clear() {
        Probe.clear();
    }

    public static class Named implements Filter {
        private String name;

        @Override
        public void init(FilterConfig config) {
            name = config.getFilterName();
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            Probe.record(name + " " + request.getDispatcherType());
            chain.doFilter(request, response);
        }
    }

    @Test
    void urlPatternFiltersComeBeforeServletNameFiltersAndDispatcherTypesSelect() throws Exception {
        try (TestApp app = TestApp.create()
                .handler("s", (req, resp) -> resp.sendError(404), "/s")
                .handler("err", (req, resp) -> resp.getWriter().print("error page"), "/err")
                .errorPage(404, null, "/err")
                .filter(FilterDef.of("byName", Named.class.getName()), List.of(), List.of("s"), Set.of())
                .filter(FilterDef.of("byUrl", Named.class.getName()), List.of("/s"), List.of(), Set.of())
                .filter(FilterDef.of("onError", Named.class.getName()), List.of("/*"), List.of(), Set.of("ERROR"))
                .filter(FilterDef.of("ext", Named.class.getName()), List.of("*.txt"), List.of(), Set.of())
                .start()) {
            RawHttp.Response ex = app.rawGet("/s");
            assertEquals("error page", ex.text());
            assertEquals(404, ex.status());
            assertEquals(List.of("byUrl REQUEST", "byName REQUEST", "onError ERROR"), Probe.events());
        }
    }

    public static class AttributeListener implements ServletContextAttributeListener {
        @Override public void attributeAdded(ServletContextAttributeEvent e) { Probe.record("added " + e.getName()); }
        @Override public void attributeReplaced(ServletContextAttributeEvent e) { Probe.record("replaced " + e.getName() + " " + e.getValue()); }
        @Override public void attributeRemoved(ServletContextAttributeEvent e) { Probe.record("removed " + e.getName()); }
    }

    @Test
    void contextResourcesAttributesAndMimeTypes() throws Exception {
        try (TestApp app = TestApp.create().contextPath("/shop").listener(AttributeListener.class)
                .resource("/a/b.txt", "b").resource("/a/c/d.txt", "d").resource("/WEB-INF/web.xml", "x")
                .mimeType("foo", "application/x-foo").start()) {
            ServletContext ctx = ((BridgeDeployment) app.deployment()).context();
            assertEquals(Set.of("/a/b.txt", "/a/c/"), ctx.getResourcePaths("/a"));
            assertEquals("b", new String(ctx.getResourceAsStream("/a/b.txt").readAllBytes()));
            assertNotNull(ctx.getResource("/WEB-INF/web.xml"));
            assertNull(ctx.getResourceAsStream("/../etc/passwd"));
            assertThrows(java.net.MalformedURLException.class, () -> ctx.getResource("relative"));
            assertEquals("application/x-foo", ctx.getMimeType("x.FOO"));
            assertEquals("text/html", ctx.getMimeType("index.html"));
            assertNull(ctx.getMimeType("noextension"));
            assertEquals("/shop", ctx.getContextPath());
            assertEquals(6, ctx.getMajorVersion());
            assertEquals(ctx, ctx.getContext("/shop/x"));
            assertNull(ctx.getContext("/other"));
            assertNotNull(ctx.getNamedDispatcher("default"));
            ctx.setAttribute("k", "1");
            ctx.setAttribute("k", "2");
            ctx.removeAttribute("k");
            assertEquals(List.of("added k", "replaced k 1", "removed k"), Probe.events());
            assertThrows(IllegalStateException.class, () -> ctx.setInitParameter("late", "x"));
            assertThrows(IllegalStateException.class, () -> ctx.addFilter("late", Named.class));
            assertTrue(ctx.getServletRegistrations().containsKey("default"));
        }
    }

    public static class GetOnly extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print("body of get");
        }
    }

    @Test
    void httpServletHeadAndUnsupportedMethods() throws Exception {
        try (TestApp app = TestApp.create().servlet("g", GetOnly.class, "/g").start()) {
            RawHttp.Response head = app.send(RawRequest.of("HEAD", "/g"));
            assertEquals(200, head.status());
            assertEquals("11", head.header("Content-Length"));
            assertEquals(0, head.body().length);
            assertEquals(405, app.send(RawRequest.of("POST", "/g")).status());
            assertTrue(app.send(RawRequest.of("OPTIONS", "/g")).header("Allow").contains("GET"));
        }
    }

    @Test
    void exceptionFromAFilterGoesToTheErrorPage() throws Exception {
        try (TestApp app = TestApp.create()
                .handler("s", (req, resp) -> resp.getWriter().print("never"), "/s")
                .handler("oops", (req, resp) -> resp.getWriter().print("oops " + resp.getStatus()), "/oops")
                .errorPage(null, IllegalStateException.class.getName(), "/oops")
                .filter("thrower", Thrower.class, "/s").start()) {
            RawHttp.Response ex = app.rawGet("/s");
            assertEquals(500, ex.status());
            assertEquals("oops 500", ex.text());
        }
    }

    public static class Thrower implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) {
            throw new IllegalStateException("filter failed");
        }
    }

    @Test
    void stoppedApplicationAnswers503() throws Exception {
        TestApp app = TestApp.create().handler("s", (req, resp) -> resp.getWriter().print("x"), "/s").start();
        app.deployment().stop();
        assertEquals(503, app.rawGet("/s").status());
        app.close();
    }
}
