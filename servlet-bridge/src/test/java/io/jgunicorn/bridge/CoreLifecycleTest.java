package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.testkit.Probe;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoreLifecycleTest {

    @BeforeEach
    void clear() {
        Probe.clear();
    }

    public static class HelloServlet extends HttpServlet {
        @Override
        public void init() {
            Probe.record("init " + getServletName() + " " + getInitParameter("greeting"));
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print(getInitParameter("greeting") + " " + getServletContext().getAttribute("startedBy")
                    + " " + req.getAttribute("filtered") + " " + getServletContext().getInitParameter("site"));
        }

        @Override
        public void destroy() {
            Probe.record("destroy " + getServletName());
        }
    }

    public static class HeaderFilter implements Filter {
        @Override
        public void init(FilterConfig config) {
            Probe.record("init filter " + config.getFilterName());
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            request.setAttribute("filtered", "yes");
            ((HttpServletResponse) response).setHeader("X-Filter", "on");
            chain.doFilter(request, response);
        }

        @Override
        public void destroy() {
            Probe.record("destroy filter");
        }
    }

    public static class StartListener implements ServletContextListener, ServletRequestListener {
        @Override
        public void contextInitialized(ServletContextEvent sce) {
            sce.getServletContext().setAttribute("startedBy", "listener");
            Probe.record("contextInitialized");
        }

        @Override
        public void contextDestroyed(ServletContextEvent sce) {
            Probe.record("contextDestroyed");
        }

        @Override
        public void requestInitialized(ServletRequestEvent sre) {
            Probe.record("requestInitialized " + ((HttpServletRequest) sre.getServletRequest()).getRequestURI());
        }

        @Override
        public void requestDestroyed(ServletRequestEvent sre) {
            Probe.record("requestDestroyed");
        }
    }

    @Test
    void servletFilterAndListenerServeARequestEndToEnd() throws Exception {
        ServletDef hello = new ServletDef("hello", HelloServlet.class.getName(), null, Map.of("greeting", "hi"), null, false, null, null, true);
        try (TestApp app = TestApp.create().contextPath("/app").contextParam("site", "home")
                .servlet(hello, "/hello").filter("header", HeaderFilter.class, "/*").listener(StartListener.class).start()) {
            RawHttp.Response exchange = app.get("/app/hello");
            assertEquals(200, exchange.status());
            assertEquals("hi listener yes home", exchange.text());
            assertEquals("on", exchange.header("X-Filter"));
            assertEquals("text/plain;charset=ISO-8859-1", exchange.header("Content-Type"));
            assertEquals("20", exchange.header("Content-Length"));
            assertEquals(List.of("contextInitialized", "init filter header", "requestInitialized /app/hello", "init hello hi", "requestDestroyed"), Probe.events());
        }
        assertEquals("destroy hello", Probe.events().get(5));
        assertEquals(List.of("destroy filter", "contextDestroyed"), Probe.events().subList(6, 8));
    }

    public static class OrderServlet extends HttpServlet {
        @Override
        public void init() {
            Probe.record("init " + getServletName());
        }
    }

    @Test
    void loadOnStartupServletsInitInOrderAndLazyOnesOnFirstRequest() throws Exception {
        try (TestApp app = TestApp.create()
                .servlet(new ServletDef("late", OrderServlet.class.getName(), null, Map.of(), 5, false, null, null, true), "/late")
                .servlet(new ServletDef("lazy", OrderServlet.class.getName(), null, Map.of(), null, false, null, null, true), "/lazy")
                .servlet(new ServletDef("early", OrderServlet.class.getName(), null, Map.of(), 1, false, null, null, true), "/early")
                .start()) {
            assertEquals(List.of("init early", "init late"), Probe.events());
            app.get("/lazy");
            assertEquals(List.of("init early", "init late", "init lazy"), Probe.events());
        }
    }

    public interface Plugin {}

    public static class PluginImpl implements Plugin {}

    @HandlesTypes(Plugin.class)
    public static class Initializer implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> types, ServletContext ctx) {
            Probe.record("onStartup " + types + " tccl=" + (Thread.currentThread().getContextClassLoader() == ctx.getClassLoader()));
            var servlet = ctx.addServlet("programmatic", HelloServlet.class);
            servlet.setInitParameter("greeting", "dynamic");
            servlet.addMapping("/dyn/*");
            ctx.addFilter("pf", HeaderFilter.class).addMappingForServletNames(null, true, "programmatic");
            ctx.addListener(StartListener.class);
        }
    }

    @Test
    void containerInitializerRegistersServletsFiltersAndListenersProgrammatically() throws Exception {
        try (TestApp app = TestApp.create().initializer(Initializer.class, List.of(PluginImpl.class.getName())).start()) {
            assertEquals("onStartup [class " + PluginImpl.class.getName() + "] tccl=true", Probe.events().getFirst());
            RawHttp.Response exchange = app.get("/dyn/x");
            assertEquals("dynamic listener yes null", exchange.text());
            assertEquals("on", exchange.header("X-Filter"));
            ServletContext context = ((BridgeDeployment) app.deployment()).context();
            assertThrows(IllegalStateException.class, () -> context.addServlet("late", HelloServlet.class));
            assertThrows(IllegalStateException.class, () -> context.setInitParameter("late", "x"));
            // a null name is refused as such, started or not (the Javadoc's NullPointerException)
            assertThrows(NullPointerException.class, () -> context.setInitParameter(null, "x"));
        }
    }

    /** Tries to configure the context from contextInitialized, and says how it went. */
    public static class ConfiguringListener implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent sce) {
            ServletContext ctx = sce.getServletContext();
            try {
                ctx.addServlet("late-" + System.identityHashCode(this), HelloServlet.class);
                Probe.record("addServlet allowed");
            } catch (UnsupportedOperationException e) {
                Probe.record("addServlet refused");
            }
            ctx.setAttribute("reads", ctx.getContextPath() + "|" + ctx.getInitParameter("site"));
            Probe.record("attribute " + ctx.getAttribute("reads"));
        }
    }

    /** Adds a {@link ConfiguringListener} programmatically. */
    public static class AddingInitializer implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> types, ServletContext ctx) {
            ctx.addListener(ConfiguringListener.class);
        }
    }

    @Test
    void aListenerAnInitializerAddedCannotConfigureTheContextButADeclaredOneCan() throws Exception {
        try (TestApp app = TestApp.create().contextPath("/app").contextParam("site", "home")
                .initializer(AddingInitializer.class, null).listener(ConfiguringListener.class).start()) {
            assertEquals(List.of("addServlet allowed", "attribute /app|home", "addServlet refused", "attribute /app|home"),
                    Probe.events(), "the declared listener first, then the programmatic one");
        }
    }

    /** A declared listener that tries to add listeners of its own. */
    public static class ListenerAddingListener implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent sce) {
            ServletContext ctx = sce.getServletContext();
            List<Runnable> attempts = List.of(
                    () -> ctx.addListener(StartListener.class),
                    () -> ctx.addListener(StartListener.class.getName()),
                    () -> ctx.addListener(new StartListener()));
            for (Runnable attempt : attempts) {
                try {
                    attempt.run();
                    Probe.record("context listener added");
                } catch (IllegalArgumentException e) {
                    Probe.record("context listener refused");
                }
            }
            ctx.addListener(new jakarta.servlet.ServletRequestListener() { });
            Probe.record("request listener added");
        }
    }

    @Test
    void onlyAnInitializerMayAddAServletContextListener() throws Exception {
        try (TestApp app = TestApp.create().initializer(Initializer.class, List.of()).listener(ListenerAddingListener.class).start()) {
            List<String> events = Probe.events();
            assertEquals(List.of("context listener refused", "context listener refused", "context listener refused",
                    "request listener added"), events.stream().filter(e -> e.contains("listener ")).toList());
            // the initializer's StartListener was added and started
            assertTrue(events.stream().anyMatch(e -> e.startsWith("contextInitialized")), events.toString());
        }
    }

    public static class LoaderServlet extends HttpServlet {
        @Override
        public void init() {
            Probe.record("init tccl " + (Thread.currentThread().getContextClassLoader() == getServletContext().getClassLoader()));
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().print(Thread.currentThread().getContextClassLoader() == getServletContext().getClassLoader());
        }

        @Override
        public void destroy() {
            Probe.record("destroy tccl " + (Thread.currentThread().getContextClassLoader() == getServletContext().getClassLoader()));
        }
    }

    @Test
    void threadContextClassLoaderIsTheWebappLoaderAroundApplicationCode() throws Exception {
        ClassLoader webapp = new URLClassLoader(new URL[0], getClass().getClassLoader());
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (TestApp app = TestApp.create().loader(webapp)
                .servlet(new ServletDef("l", LoaderServlet.class.getName(), null, Map.of(), 0, false, null, null, true), "/l").start()) {
            assertEquals("true", app.get("/l").text());
            assertEquals(before, Thread.currentThread().getContextClassLoader());
        }
        assertEquals(List.of("init tccl true", "destroy tccl true"), Probe.events());
    }

    public static class BrokenServlet extends HttpServlet {
        @Override
        public void init() throws ServletException {
            throw new ServletException("cannot start");
        }
    }

    @Test
    void failingLoadOnStartupServletFailsStartWithAClearMessageWhenTheOperatorAsks() {
        TestApp app = TestApp.create().listener(StartListener.class)
                .options(io.jgunicorn.bridge.BridgeOptions.DEFAULTS.withFailOnServletStartFailure(true))
                .servlet(new ServletDef("broken", BrokenServlet.class.getName(), null, Map.of(), 1, false, null, null, true), "/b");
        Exception failure = assertThrows(Exception.class, app::start);
        assertTrue(failure.getMessage().contains("cannot start"), failure.getMessage());
        assertEquals(List.of("contextInitialized", "contextDestroyed"), Probe.events());
    }

    @Test
    void failingLoadOnStartupServletAnswers503AndTheRestRunsByDefault() throws Exception {
        ServletDef hello = new ServletDef("hello", HelloServlet.class.getName(), null, Map.of("greeting", "hi"), null, false, null, null, true);
        try (TestApp app = TestApp.create().listener(StartListener.class).servlet(hello, "/hello")
                .servlet(new ServletDef("broken", BrokenServlet.class.getName(), null, Map.of(), 1, false, null, null, true), "/b").start()) {
            assertEquals(503, app.get("/b").status());
            assertEquals(503, app.get("/b").status());
            assertEquals(200, app.get("/hello").status());
        }
    }

    public static class FailingBothWaysListener implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent sce) {
            throw new IllegalStateException("the original failure");
        }

        @Override
        public void contextDestroyed(ServletContextEvent sce) {
            Probe.record("contextDestroyed");
            throw new AssertionError("and an Error while cleaning up");
        }
    }

    @Test
    void anErrorFromContextDestroyedAfterAFailedStartLeavesTheOriginalCause() {
        TestApp app = TestApp.create().listener(FailingBothWaysListener.class)
                .servlet(new ServletDef("s", HelloServlet.class.getName(), null, Map.of(), 1, false, null, null, true), "/s");
        Exception failure = assertThrows(ServletException.class, app::start);
        assertTrue(failure.getMessage().contains("the original failure"), failure.getMessage());
        assertEquals("the original failure", failure.getCause().getMessage());
        assertEquals(List.of("contextDestroyed"), Probe.events());
    }

    public static class ErrorOnDestroyListener implements ServletContextListener {
        @Override
        public void contextDestroyed(ServletContextEvent sce) {
            throw new AssertionError("contextDestroyed throws an Error");
        }
    }

    public static class ErrorOnDestroyServlet extends HttpServlet {
        @Override
        public void destroy() {
            throw new NoClassDefFoundError("destroy throws an Error");
        }
    }

    @Test
    void errorsFromDestroyAndContextDestroyedDoNotEscapeStop() throws Exception {
        TestApp app = TestApp.create().listener(ErrorOnDestroyListener.class).listener(StartListener.class)
                .servlet(new ServletDef("e", ErrorOnDestroyServlet.class.getName(), null, Map.of(), 1, false, null, null, true), "/e")
                .start();
        app.deployment().stop(); // a worker stopping this application carries on
        assertTrue(Probe.events().contains("contextDestroyed"), Probe.events().toString());
        Probe.clear();
        app.deployment().stop();
        assertEquals(List.of(), Probe.events(), "stopped once");
    }

    @Test
    void unknownServletClassFailsStartWhenTheOperatorAsks() {
        TestApp app = TestApp.create().options(io.jgunicorn.bridge.BridgeOptions.DEFAULTS.withFailOnServletStartFailure(true)).servlet(new ServletDef("x", "no.such.Servlet", null, Map.of(), 1, false, null, null, true), "/x");
        Exception failure = assertThrows(Exception.class, app::start);
        assertNotNull(failure.getMessage());
        assertTrue(failure.getMessage().contains("no.such.Servlet"), failure.getMessage());
    }
}
