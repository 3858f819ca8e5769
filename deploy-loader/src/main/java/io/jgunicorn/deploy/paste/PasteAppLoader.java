package io.jgunicorn.deploy.paste;

import io.jgunicorn.bridge.core.ContextRegistry;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppLoader;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.deploy.ClassAppDeployer;
import io.jgunicorn.deploy.ClassAppLoader;
import io.jgunicorn.deploy.WebAppDeployer;
import io.jgunicorn.deploy.classloading.WebAppClassLoader;
import io.jgunicorn.deploy.war.UnpackLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --paste FILE.ini[#name]} (or an {@code .ini} as the positional app): the Paste Deploy
 * analogue. The named application (default {@code main}) is resolved in full, then started.
 * Classes named by {@code class:} come from {@code --classpath} in one child-first loader shared by
 * the descriptor's apps and filters; WARs see those classes behind their own, so a filter from the
 * class path can wrap a WAR.
 */
public final class PasteAppLoader implements AppLoader {

    /** Setting holding {@code --paste-global} values: {@code key=value} entries, one per line (or comma-separated). */
    public static final String GLOBALS_SETTING = "paste_global";

    @Override
    public boolean supports(AppSpec spec) {
        return "paste".equals(spec.kind())
                || "app".equals(spec.kind()) && Source.parse(spec.source()).file().toString().toLowerCase(Locale.ROOT).endsWith(".ini");
    }

    @Override
    public HttpApplication load(AppSpec spec) throws AppLoadException {
        return load(spec, null, new ContextRegistry());
    }

    /**
     * An INI descriptor dropped in a deploy directory: url map paths are absolute (mounted from the
     * root), and a descriptor naming a single application mounts it at {@code singleAppContextPath}
     * (from the file name, like a WAR's). Its applications join {@code contexts}, the deploy directory's.
     */
    public static HttpApplication loadInDeployDir(AppSpec spec, String singleAppContextPath, ContextRegistry contexts)
            throws AppLoadException {
        return load(spec, singleAppContextPath, contexts);
    }

    private static HttpApplication load(AppSpec spec, String singleAppContextPath, ContextRegistry contexts) throws AppLoadException {
        Source source = Source.parse(spec.source());
        WebAppClassLoader loader = ClassAppLoader.classLoader("paste-classpath", spec.classpath());
        try {
            var wars = new WebAppDeployer(spec.workDir(), UnpackLimits.from(spec.settings()), loader);
            var classApps = new ClassAppDeployer(spec.workDir());
            var globals = globals(spec.settings().get(GLOBALS_SETTING));
            Plan plan = new PasteResolver(wars, classApps, loader, spec.classpath(), globals)
                    .resolve(source.file(), source.name(), singleAppContextPath == null ? spec.contextPath() : "");
            if (singleAppContextPath != null && plan instanceof Plan.Leaf) {
                // resolved again rather than patched: the context path is baked into the prepared descriptor
                Plan.release(plan);
                plan = new PasteResolver(wars, classApps, loader, spec.classpath(), globals)
                        .resolve(source.file(), source.name(), singleAppContextPath);
            }
            return new ClosingApplication(Plan.start(plan, io.jgunicorn.deploy.Bridges.forSpec(spec, contexts)), loader);
        } catch (PasteException e) {
            closeQuietly(loader);
            throw new AppLoadException(e.getMessage(), e);
        } catch (AppLoadException | RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    /**
     * {@code [server:main]} as settings: {@code host} and {@code port} become {@code bind} (as
     * Gunicorn's paste support did), {@code use} (which server, in Paste) is dropped, {@code -} in
     * names reads as {@code _}.
     */
    @Override
    public Map<String, String> serverSettings(AppSpec spec) throws AppLoadException {
        Map<String, String> section;
        try {
            section = PasteDeploy.serverSettings(Source.parse(spec.source()).file(), "main",
                    globals(spec.settings().get(GLOBALS_SETTING)));
        } catch (PasteException e) {
            throw new AppLoadException(e.getMessage(), e);
        }
        return ServerSection.toSettings(section);
    }

    /** {@code FILE.ini#name}; a file whose own name contains '#' is taken whole when it exists. */
    record Source(Path file, String name) {
        static Source parse(String source) {
            int hash = source.lastIndexOf('#');
            if (hash < 0 || Files.exists(Path.of(source))) {
                return new Source(Path.of(source), "main");
            }
            String name = source.substring(hash + 1);
            return new Source(Path.of(source.substring(0, hash)), name.isBlank() ? "main" : name);
        }
    }

    static Map<String, String> globals(String setting) throws AppLoadException {
        Map<String, String> out = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return out;
        }
        String[] entries = setting.contains("\n") ? setting.split("\n") : setting.split(",");
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new AppLoadException("--paste-global expects key=value, got '" + entry.strip() + "'");
            }
            out.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return out;
    }

    private static void closeQuietly(WebAppClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // nothing was started with it
        }
    }

    /** The resolved application, plus the shared class loader closed after it. */
    private record ClosingApplication(HttpApplication app, WebAppClassLoader loader) implements HttpApplication {
        @Override
        public void handle(io.jgunicorn.container.spi.HttpExchange exchange) throws Exception {
            app.handle(exchange);
        }

        @Override
        public java.util.List<String> contextPaths() {
            return app.contextPaths();
        }

        @Override
        public void close() {
            try {
                app.close();
            } finally {
                closeQuietly(loader);
            }
        }
    }
}
