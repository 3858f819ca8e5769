package io.jgunicorn.deploy;

import io.jgunicorn.bridge.BridgeOptions;
import io.jgunicorn.bridge.ServletBridge;
import io.jgunicorn.bridge.core.ContextRegistry;
import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.security.FileRealm;
import io.jgunicorn.bridge.session.SessionStoreProvider;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The servlet bridge as the operator's settings configure it: the file realm, the session store and
 * cross-context access ({@code cross_context}) among the applications that share a {@link ContextRegistry}.
 */
public final class Bridges {

    private Bridges() {}

    /**
     * For an app the worker loads: the shared directory is the parent of its work directory (see
     * AppSpec). Every application started through the result joins {@code contexts}: the loader of
     * a worker's whole app source (one WAR, an INI url map, a deploy directory) makes one registry
     * and passes it to everything it starts, so those applications, and only they, can reach each other.
     */
    public static Function<WebAppDescriptor, WebAppDeployment> forSpec(AppSpec spec, ContextRegistry contexts)
            throws AppLoadException {
        Path parent = spec.workDir().toAbsolutePath().getParent();
        return forSettings(spec.settings(), parent != null ? parent : spec.workDir(), contexts);
    }

    /**
     * @param sharedDir a directory every worker of this arbiter shares (the embedded session store's home)
     * @throws AppLoadException naming the realm file or session store and the problem
     */
    public static Function<WebAppDescriptor, WebAppDeployment> forSettings(Map<String, String> settings, Path sharedDir,
                                                                          ContextRegistry contexts) throws AppLoadException {
        BridgeOptions base = BridgeOptions.DEFAULTS
                .withFailOnServletStartFailure(Boolean.parseBoolean(settings.get("fail_ctx_if_servlet_start_fails")))
                .withRequireSerializable(Boolean.parseBoolean(settings.get("session_require_serializable")));
        BridgeOptions options = withSessionStore(base, settings.get("session_store"), sharedDir)
                .withContexts(contexts, Boolean.parseBoolean(settings.get("cross_context")));
        String realmFile = settings.get("realm_file");
        if (realmFile != null && !realmFile.isBlank()) {
            try {
                // the loader reads the operator's file; the bridge reads none (its ArchitectureTest)
                Path path = Path.of(realmFile);
                options = options.withRealm(FileRealm.parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString()));
            } catch (IOException | RuntimeException e) {
                throw new AppLoadException("cannot read realm_file " + realmFile + ": " + e.getMessage(), e);
            }
        }
        BridgeOptions chosen = options;
        return d -> ServletBridge.deploy(d, chosen);
    }

    /** The store module is found now (a missing one fails the load); it connects on first session use. */
    private static BridgeOptions withSessionStore(BridgeOptions options, String spec, Path sharedDir)
            throws AppLoadException {
        if (spec == null || spec.isBlank() || spec.equals("memory")) {
            return options;
        }
        try {
            SessionStoreProvider provider = SessionStoreProvider.find(spec);
            return options.withSharedSessionStore(context -> provider.open(spec, sharedDir, context));
        } catch (RuntimeException e) {
            throw new AppLoadException("session_store: " + e.getMessage(), e);
        }
    }
}
