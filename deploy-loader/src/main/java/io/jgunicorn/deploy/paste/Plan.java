package io.jgunicorn.deploy.paste;

import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.deploy.PrefixRouter;
import io.jgunicorn.deploy.WebAppDeployer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an INI descriptor resolves to before anything starts: prepared web applications (leaves)
 * mounted by url maps (routers). Resolving everything first means a mistake anywhere in the file is
 * reported before any application code has run.
 */
sealed interface Plan {

    /** One application, described and ready to start. */
    record Leaf(String name, WebAppDeployer.Prepared prepared) implements Plan {}

    /** A urlmap: context path to what is mounted there. */
    record Router(Map<String, Plan> mounts) implements Plan {}

    /** Starts every leaf; if one fails, stops those already started and releases the rest. */
    static HttpApplication start(Plan plan, Function<WebAppDescriptor, WebAppDeployment> bridge) throws AppLoadException {
        List<HttpApplication> started = new ArrayList<>();
        try {
            return startAll(plan, started, bridge);
        } catch (AppLoadException | RuntimeException e) {
            started.reversed().forEach(HttpApplication::close);
            release(plan);
            throw e;
        }
    }

    private static HttpApplication startAll(Plan plan, List<HttpApplication> started, Function<WebAppDescriptor, WebAppDeployment> bridge)
            throws AppLoadException {
        return switch (plan) {
            case Leaf leaf -> {
                HttpApplication app = WebAppDeployer.start(leaf.prepared(), leaf.name(), bridge);
                started.add(app);
                yield app;
            }
            case Router router -> {
                Map<String, HttpApplication> mounts = new LinkedHashMap<>();
                for (var e : router.mounts().entrySet()) {
                    mounts.put(e.getKey(), startAll(e.getValue(), started, bridge));
                }
                yield new PrefixRouter(mounts);
            }
        };
    }

    /** Closes what was prepared (a started leaf's resources are already owned by its app; closing twice is harmless). */
    static void release(Plan plan) {
        switch (plan) {
            case Leaf leaf -> leaf.prepared().close();
            case Router router -> router.mounts().values().forEach(Plan::release);
        }
    }
}
