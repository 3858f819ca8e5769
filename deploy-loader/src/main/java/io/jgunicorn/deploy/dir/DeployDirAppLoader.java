package io.jgunicorn.deploy.dir;

import io.jgunicorn.bridge.core.ContextRegistry;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppLoader;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.container.spi.HttpExchange;
import io.jgunicorn.deploy.ContextPaths;
import io.jgunicorn.deploy.PrefixRouter;
import io.jgunicorn.deploy.WarAppLoader;
import io.jgunicorn.deploy.paste.PasteAppLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --deploy-dir}: a worker serves the applications its arbiter chose for this generation
 * (setting {@code deploy_apps}: {@code CONTEXT_PATH<TAB>SNAPSHOT} per line) behind one
 * {@link PrefixRouter}. Scanning the directory, snapshots and status markers are the arbiter's job;
 * here the list is only loaded. Nothing listed: every request answers 404.
 */
public final class DeployDirAppLoader implements AppLoader {

    public static final String APPS_SETTING = "deploy_apps";

    /**
     * For a spare worker: loads (without initializing, so no static initializer runs: no logging
     * is set up before the worker's settings are known) the classes of the loader, the servlet
     * bridge and the Servlet API, which every deployment needs; a worker then links only what it uses.
     */
    @Override
    public void warmUp() {
        ClassWarmer.load(DeployDirAppLoader.class, io.jgunicorn.bridge.ServletBridge.class, jakarta.servlet.Servlet.class);
    }

    @Override
    public boolean supports(AppSpec spec) {
        return "deploy-dir".equals(spec.kind());
    }

    @Override
    public HttpApplication load(AppSpec spec) throws AppLoadException {
        List<HttpApplication> started = new ArrayList<>();
        Map<String, HttpApplication> mounts = new LinkedHashMap<>();
        ContextRegistry contexts = new ContextRegistry(); // this generation's apps, for cross_context
        try {
            for (String line : spec.settings().getOrDefault(APPS_SETTING, "").split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new AppLoadException("setting " + APPS_SETTING + ": expected CONTEXT_PATH<TAB>PATH, got '" + line + "'");
                }
                String context = ContextPaths.normalize(line.substring(0, tab));
                Path source = Path.of(line.substring(tab + 1));
                HttpApplication app = loadOne(spec, context, source, started.size(), contexts);
                started.add(app);
                mount(mounts, app, context, source);
            }
            return new DeployedSet(new PrefixRouter(mounts), started);
        } catch (AppLoadException | RuntimeException e) {
            started.reversed().forEach(HttpApplication::close);
            throw e;
        }
    }

    // a sibling of the worker's directory, not a child: AppSpec promises that a workDir's parent is
    // shared by every worker (the embedded session store lives there)
    private static HttpApplication loadOne(AppSpec spec, String context, Path source, int index, ContextRegistry contexts)
            throws AppLoadException {
        boolean ini = source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ini");
        AppSpec one = new AppSpec(source.toString(), ini ? "paste" : "war", context,
                spec.workDir().resolveSibling(spec.workDir().getFileName() + "-deploy-" + index), spec.classpath(), spec.settings());
        return ini ? PasteAppLoader.loadInDeployDir(one, context, contexts) : WarAppLoader.load(one, contexts);
    }

    /** An INI url map is mounted at each of its own paths, so other deployments keep the paths between them. */
    private static void mount(Map<String, HttpApplication> mounts, HttpApplication app, String context, Path source)
            throws AppLoadException {
        List<String> paths = app.contextPaths().isEmpty() ? List.of(context) : app.contextPaths();
        for (String p : paths) {
            if (mounts.containsKey(p)) {
                throw new AppLoadException(source + ": context path '" + (p.isEmpty() ? "/" : p)
                        + "' is already taken by another deployment");
            }
            mounts.put(p, app);
        }
    }

    /** The router and the applications behind it; each application is closed once, last loaded first. */
    private record DeployedSet(PrefixRouter router, List<HttpApplication> apps) implements HttpApplication {
        @Override
        public void handle(HttpExchange exchange) throws Exception {
            router.handle(exchange);
        }

        @Override
        public List<String> contextPaths() {
            return router.contextPaths();
        }

        @Override
        public void close() {
            apps.reversed().forEach(HttpApplication::close);
        }
    }
}
