package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.core.ContextRegistry;
import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.testkit.Probe;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two applications of one worker sharing a {@link ContextRegistry}: /a dispatches into /b. */
class CrossContextTest {

    private final ContextRegistry registry = new ContextRegistry();
    private final URLClassLoader loaderB = new URLClassLoader("b", new URL[0], CrossContextTest.class.getClassLoader());
    private TestApp a;
    private TestApp b;

    @BeforeEach
    void clear() {
        Probe.clear();
    }

    @AfterEach
    void stop() throws IOException {
        for (TestApp app : new TestApp[] {a, b}) {
            if (app != null) {
                app.close();
            }
        }
        loaderB.close();
    }

    /** Records each dispatch it sees, with the application it belongs to. */
    public static class Recorder implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            Probe.record(request.getServletContext().getContextPath() + " filter " + request.getDispatcherType());
            chain.doFilter(request, response);
        }
    }

    private static ServletContext b(HttpServletRequest request) {
        return request.getServletContext().getContext("/b/anything");
    }

    private void start(boolean crossContext) throws Exception {
        BridgeOptions options = BridgeOptions.DEFAULTS.withContexts(registry, crossContext);
        b = TestApp.create().contextPath("/b").loader(loaderB).options(options)
                .handler("show", (req, resp) -> resp.getWriter().print(req.getDispatcherType()
                        + " ctx=" + req.getContextPath() + " sc=" + req.getServletContext().getContextPath()
                        + " sp=" + req.getServletPath() + " pi=" + req.getPathInfo() + " uri=" + req.getRequestURI()
                        + " q=" + req.getParameter("q")
                        + " fwd=" + req.getAttribute(RequestDispatcher.FORWARD_CONTEXT_PATH) + "," + req.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI)
                        + "," + req.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH)
                        + " inc=" + req.getAttribute(RequestDispatcher.INCLUDE_CONTEXT_PATH) + "," + req.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI)
                        + "," + req.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) + "," + req.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO)
                        + " tccl=" + Thread.currentThread().getContextClassLoader().getName()), "/show/*")
                .handler("session", (req, resp) -> {
                    HttpSession session = req.getSession();
                    resp.getWriter().print("b:" + session.getAttribute("who") + "@" + session.getServletContext().getContextPath());
                    session.setAttribute("who", "b");
                }, "/session")
                .handler("relative", (req, resp) -> req.getRequestDispatcher("show/rel").forward(req, resp), "/relative")
                .handler("invalidate", (req, resp) -> {
                    boolean before = req.isRequestedSessionIdValid();
                    req.getSession(false).invalidate();
                    resp.getWriter().print("b valid " + before + " then " + req.isRequestedSessionIdValid());
                }, "/invalidate")
                .handler("boom", (req, resp) -> {
                    throw new IllegalStateException("boom in b");
                }, "/boom")
                .filter(FilterDef.of("recorder", Recorder.class.getName()), List.of("/*"), List.of(), Set.of("FORWARD", "INCLUDE", "ASYNC"))
                .start();
        a = TestApp.create().contextPath("/a").options(options)
                .handler("forward", (req, resp) -> b(req).getRequestDispatcher("/show/x?q=1").forward(req, resp), "/forward/*")
                .handler("include", (req, resp) -> {
                    resp.getWriter().print("a[");
                    b(req).getRequestDispatcher("/show/y?q=2").include(req, resp);
                    resp.getWriter().print("] back in " + req.getContextPath() + " " + req.getServletContext().getContextPath()
                            + " " + Thread.currentThread().getContextClassLoader().getName());
                }, "/include")
                .handler("named", (req, resp) -> b(req).getNamedDispatcher("show").forward(req, resp), "/named")
                .handler("relative", (req, resp) -> b(req).getRequestDispatcher("/relative").forward(req, resp), "/relative")
                .handler("session", (req, resp) -> {
                    HttpSession session = req.getSession();
                    resp.getWriter().print("a:" + session.getAttribute("who") + " ");
                    session.setAttribute("who", "a");
                    b(req).getRequestDispatcher("/session").include(req, resp);
                    resp.getWriter().print(" a:" + req.getSession().getAttribute("who"));
                }, "/session")
                .handler("includeOnly", (req, resp) -> b(req).getRequestDispatcher("/session").include(req, resp), "/include-session")
                .handler("includeInvalidate", (req, resp) -> b(req).getRequestDispatcher("/invalidate").include(req, resp), "/include-invalidate")
                .handler("boom", (req, resp) -> {
                    try {
                        b(req).getRequestDispatcher("/boom").include(req, resp);
                    } catch (IllegalStateException e) {
                        resp.getWriter().print("caught " + e.getMessage());
                    }
                }, "/boom")
                .handler("async", true, (req, resp) -> {
                    AsyncContext async = req.startAsync();
                    async.dispatch(b(req), "/show/async?q=3");
                }, "/async")
                .handler("asyncRefused", true, (req, resp) -> {
                    AsyncContext async = req.startAsync();
                    try {
                        async.dispatch(registry.find("/b").servletContext(), "/show/async");
                    } catch (IllegalArgumentException e) {
                        resp.getWriter().print("refused: " + e.getMessage());
                        async.complete();
                    }
                }, "/async-refused")
                .handler("contexts", (req, resp) -> {
                    ServletContext self = req.getServletContext();
                    resp.getWriter().print((self.getContext("/a/x") == self) + " " + name(self.getContext("/b"))
                            + " " + name(self.getContext("/bx")) + " " + name(self.getContext("relative")));
                }, "/contexts")
                .filter(new FilterDef("recorder", Recorder.class.getName(), Map.of(), true), List.of("/*"), List.of(), Set.of("REQUEST", "FORWARD", "INCLUDE"))
                .start();
    }

    private static String name(ServletContext context) {
        return context == null ? "null" : context.getContextPath();
    }

    @Test
    void forwardRunsTheOtherApplicationWithItsPathsFiltersAndClassLoader() throws Exception {
        start(true);
        RawHttp.Response ex = a.get("/a/forward/p?orig=0");
        assertEquals("FORWARD ctx=/b sc=/b sp=/show pi=/x uri=/b/show/x q=1 fwd=/a,/a/forward/p,/forward inc=null,null,null,null tccl=b",
                ex.text());
        assertEquals(List.of("/a filter REQUEST", "/b filter FORWARD"), Probe.events());
    }

    @Test
    void includeKeepsTheCallersPathsAndNamesTheTargetInIncludeAttributes() throws Exception {
        start(true);
        RawHttp.Response ex = a.get("/a/include");
        assertEquals("a[INCLUDE ctx=/a sc=/b sp=/include pi=null uri=/a/include q=2 fwd=null,null,null"
                + " inc=/b,/b/show/y,/show,/y tccl=b] back in /a /a app", ex.text());
        assertEquals(List.of("/a filter REQUEST", "/b filter INCLUDE"), Probe.events());
    }

    @Test
    void namedDispatcherOfTheOtherContextRunsItsServlet() throws Exception {
        start(true);
        assertTrue(a.get("/a/named").text().startsWith("FORWARD ctx=/a sc=/b sp=/named "), "paths stay, context is /b");
        assertEquals(List.of("/a filter REQUEST"), Probe.events(), "filters map named dispatches by servlet name only");
    }

    @Test
    void relativeDispatchInTheTargetResolvesInTheTarget() throws Exception {
        start(true);
        assertTrue(a.get("/a/relative").text().startsWith("FORWARD ctx=/b sc=/b sp=/show pi=/rel uri=/b/show/rel"));
    }

    @Test
    void eachApplicationHasItsOwnSessionUnderTheCallersCookie() throws Exception {
        start(true);
        RawHttp.Response first = a.get("/a/session");
        assertEquals("a:null b:null@/b a:a", first.text());
        String setCookie = first.header("Set-Cookie");
        assertTrue(setCookie.contains("Path=/a"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        RawHttp.Response second = a.send(RawRequest.get("/a/session").header("Cookie", cookie));
        assertEquals("a:a b:b@/b a:a", second.text());
        assertNull(second.header("Set-Cookie"));
    }

    /** The session is first created by the included application: the caller's cookie still goes out, so both come back. */
    @Test
    void aSessionFirstCreatedInAnIncludedApplicationGetsItsCookie() throws Exception {
        start(true);
        RawHttp.Response first = a.get("/a/include-session");
        assertEquals("b:null@/b", first.text());
        String setCookie = first.header("Set-Cookie");
        assertNotNull(setCookie, "no session cookie for a session made during an include");
        assertTrue(setCookie.contains("Path=/a"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertEquals("b:b@/b", a.send(RawRequest.get("/a/include-session").header("Cookie", cookie)).text());
        // invalidating the other application's session: its requested id is no longer valid there
        assertEquals("b valid true then false", a.send(RawRequest.get("/a/include-invalidate").header("Cookie", cookie)).text());
    }

    @Test
    void exceptionInTheTargetReachesTheCaller() throws Exception {
        start(true);
        assertEquals("caught boom in b", a.get("/a/boom").text());
    }

    @Test
    void asyncDispatchIntoTheOtherContext() throws Exception {
        start(true);
        RawHttp.Response ex = a.send(RawRequest.get("/a/async"));
        assertTrue(ex.text().startsWith("ASYNC ctx=/b sc=/b sp=/show pi=/async uri=/b/show/async q=3 "), ex.text());
        assertTrue(Probe.events().contains("/b filter ASYNC"), Probe.events().toString());
    }

    @Test
    void getContextFindsTheLongestPrefixOnSegmentBoundaries() throws Exception {
        start(true);
        assertEquals("true /b null null", a.get("/a/contexts").text());
    }

    @Test
    void withCrossContextOffOtherApplicationsAreInvisible() throws Exception {
        start(false);
        assertEquals("true null null null", a.get("/a/contexts").text());
    }

    @Test
    void withCrossContextOffAsyncDispatchIntoAnotherContextIsRefused() throws Exception {
        start(false);
        RawHttp.Response ex = a.send(RawRequest.get("/a/async-refused"));
        assertTrue(ex.text().startsWith("refused: cannot dispatch into the context at '/b'"), ex.text());
    }

    @Test
    void aStoppedApplicationLeavesTheRegistry() throws Exception {
        start(true);
        ServletContext contextB = registry.find("/b/x").servletContext();
        assertSame(((BridgeDeployment) b.deployment()).context(), contextB);
        b.close();
        b = null;
        assertNull(registry.find("/b/x"));
        assertEquals("true null null null", a.get("/a/contexts").text());
    }
}
