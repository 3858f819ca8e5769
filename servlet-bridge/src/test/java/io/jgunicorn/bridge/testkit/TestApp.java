package io.jgunicorn.bridge.testkit;

import io.jgunicorn.bridge.ServletBridge;
import io.jgunicorn.bridge.deployment.ErrorPageDef;
import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.SessionConfigDef;
import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link WebAppDescriptor} in code and sends requests to the started application as raw
 * HTTP through the container's real connection and exchange ({@link RawHttp}).
 */
public final class TestApp implements AutoCloseable {

    private String contextPath = "";
    private ClassLoader loader = TestApp.class.getClassLoader();
    private final MemoryResources resources = new MemoryResources();
    private final Map<String, String> contextParams = new LinkedHashMap<>();
    private final List<ServletDef> servlets = new ArrayList<>();
    private final List<ServletMappingDef> servletMappings = new ArrayList<>();
    private final List<FilterDef> filters = new ArrayList<>();
    private final List<FilterMappingDef> filterMappings = new ArrayList<>();
    private final List<String> listeners = new ArrayList<>();
    private final List<InitializerDef> initializers = new ArrayList<>();
    private final List<ErrorPageDef> errorPages = new ArrayList<>();
    private List<String> welcomeFiles = List.of();
    private final Map<String, String> mimeTypes = new LinkedHashMap<>();
    private SessionConfigDef sessionConfig = SessionConfigDef.DEFAULT;
    private SecurityDef security = SecurityDef.NONE;
    private String requestEncoding;
    private String responseEncoding;
    private io.jgunicorn.bridge.deployment.JspConfigDef jspConfig;
    private io.jgunicorn.bridge.security.Realm realm;
    private io.jgunicorn.bridge.BridgeOptions options = io.jgunicorn.bridge.BridgeOptions.DEFAULTS;

    private final java.util.Queue<AssertionError> handlerFailures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private WebAppDeployment deployment;
    private HttpApplication application;

    public static TestApp create() {
        return new TestApp();
    }

    public TestApp contextPath(String path) { contextPath = path; return this; }
    public TestApp loader(ClassLoader value) { loader = value; return this; }
    public TestApp resource(String path, String content) { resources.put(path, content); return this; }
    /** The app's files, to change them while it runs. */
    public MemoryResources resources() { return resources; }
    public TestApp resource(String path, byte[] content) { resources.put(path, content); return this; }
    public TestApp contextParam(String name, String value) { contextParams.put(name, value); return this; }
    public TestApp listener(Class<?> type) { listeners.add(type.getName()); return this; }
    public TestApp initializer(Class<?> type, List<String> handlesTypes) { initializers.add(new InitializerDef(type.getName(), handlesTypes)); return this; }
    public TestApp errorPage(Integer code, String exceptionType, String location) { errorPages.add(new ErrorPageDef(code, exceptionType, location)); return this; }
    public TestApp welcomeFiles(String... files) { welcomeFiles = List.of(files); return this; }
    public TestApp mimeType(String extension, String type) { mimeTypes.put(extension, type); return this; }
    public TestApp sessionConfig(SessionConfigDef value) { sessionConfig = value; return this; }
    public TestApp security(SecurityDef value) { security = value; return this; }
    public TestApp realm(io.jgunicorn.bridge.security.Realm value) { realm = value; return this; }
    public TestApp options(io.jgunicorn.bridge.BridgeOptions value) { options = value; return this; }
    public TestApp requestEncoding(String value) { requestEncoding = value; return this; }
    public TestApp responseEncoding(String value) { responseEncoding = value; return this; }
    public TestApp jspConfig(io.jgunicorn.bridge.deployment.JspConfigDef value) { jspConfig = value; return this; }

    /** A servlet named {@code name} whose service method is {@code handler}. */
    public TestApp handler(String name, LambdaServlet.Handler handler, String... patterns) {
        return handler(name, false, handler, patterns);
    }

    public TestApp handler(String name, boolean async, LambdaServlet.Handler handler, String... patterns) {
        String key = LambdaServlet.register((req, resp) -> {
            try {
                handler.handle(req, resp);
            } catch (AssertionError failed) {
                handlerFailures.add(failed); // the exchange turns it into a 500; send() reports it
                throw failed;
            }
        });
        return servlet(new ServletDef(name, LambdaServlet.class.getName(), null, Map.of("handler", key), null, async, null, null, true), patterns);
    }

    public TestApp servlet(String name, Class<?> type, String... patterns) {
        return servlet(ServletDef.of(name, type.getName()), patterns);
    }

    public TestApp servlet(ServletDef def, String... patterns) {
        servlets.add(def);
        if (patterns.length > 0) {
            servletMappings.add(new ServletMappingDef(def.name(), List.of(patterns)));
        }
        return this;
    }

    public TestApp filter(String name, Class<?> type, String... patterns) {
        return filter(FilterDef.of(name, type.getName()), List.of(patterns), List.of(), Set.of());
    }

    public TestApp filter(FilterDef def, List<String> patterns, List<String> servletNames, Set<String> dispatchers) {
        if (filters.stream().noneMatch(f -> f.name().equals(def.name()))) {
            filters.add(def);
        }
        filterMappings.add(new FilterMappingDef(def.name(), patterns, servletNames, dispatchers));
        return this;
    }

    public WebAppDescriptor descriptor() {
        return new WebAppDescriptor(contextPath, "test", 6, 1, loader, resources, null, contextParams, servlets,
                servletMappings, filters, filterMappings, listeners, initializers, errorPages,
                welcomeFiles.isEmpty() ? WebAppDescriptor.DEFAULT_WELCOME_FILES : welcomeFiles, mimeTypes, sessionConfig,
                security, Map.of("ja", "Shift_JIS"), requestEncoding, responseEncoding, false, jspConfig);
    }

    public TestApp start() throws Exception {
        deployment = ServletBridge.deploy(descriptor(), options.withRealm(realm));
        application = deployment.start();
        return this;
    }

    public WebAppDeployment deployment() { return deployment; }
    public HttpApplication application() { return application; }

    /**
     * Sends {@code request} as raw HTTP through the container's real connection and exchange; the
     * response as the client got it. An assertion that failed inside a handler fails here.
     */
    public RawHttp.Response send(RawRequest request) {
        return rethrowHandlerFailure(RawHttp.send(application, request));
    }

    /** A GET of {@code target}, as {@link #send}. */
    public RawHttp.Response get(String target) {
        return send(RawRequest.get(target));
    }

    /** Every response to {@code requests}, sent one after the other on one connection, as {@link #send}. */
    public List<RawHttp.Response> sendAll(RawRequest... requests) {
        return rethrowHandlerFailure(RawHttp.sendAll(application, Map.of(), requests));
    }

    private <T> T rethrowHandlerFailure(T response) {
        AssertionError failed = handlerFailures.poll();
        if (failed != null) {
            handlerFailures.forEach(failed::addSuppressed);
            handlerFailures.clear();
            throw failed;
        }
        return response;
    }

    /** Sends raw HTTP/1.1 through the container's real connection and exchange to the application. */
    public RawHttp.Response raw(String request) {
        return rethrowHandlerFailure(RawHttp.send(application, request));
    }

    /** A GET of {@code target} as raw HTTP through the container's real connection and exchange. */
    public RawHttp.Response rawGet(String target) {
        return raw(RawHttp.get(target));
    }

    /** Every response to the requests in {@code requests}, sent on one connection. */
    public java.util.List<RawHttp.Response> rawAll(String requests) {
        return rethrowHandlerFailure(RawHttp.sendAll(application, requests, Map.of()));
    }

    @Override
    public void close() {
        if (deployment != null) {
            deployment.stop();
            deployment.undeploy();
        }
    }
}
