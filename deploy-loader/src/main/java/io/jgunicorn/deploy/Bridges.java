package io.jgunicorn.deploy;

import io.jgunicorn.bridge.BridgeOptions;
import io.jgunicorn.bridge.ServletBridge;
import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.security.FileRealm;
import io.jgunicorn.bridge.session.SessionStoreProvider;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** The servlet bridge as the operator's settings configure it: the file realm and the session store. */
public final class Bridges {

    private Bridges() {}

    /** For an app the worker loads: the shared directory is the parent of its work directory (see AppSpec). */
    public static Function<WebAppDescriptor, WebAppDeployment> forSpec(AppSpec spec) throws AppLoadException {
        Path parent = spec.workDir().toAbsolutePath().getParent();
        return forSettings(spec.settings(), parent != null ? parent : spec.workDir());
    }

    /**
     * @param sharedDir a directory every worker of this arbiter shares (the embedded session store's home)
     * @throws AppLoadException naming the realm file or session store and the problem
     */
    public static Function<WebAppDescriptor, WebAppDeployment> forSettings(Map<String, String> settings, Path sharedDir)
            throws AppLoadException {
        BridgeOptions options = withSessionStore(BridgeOptions.DEFAULTS, settings.get("session_store"), sharedDir);
        String realmFile = settings.get("realm_file");
        if (realmFile != null && !realmFile.isBlank()) {
            try {
                options = options.withRealm(FileRealm.load(Path.of(realmFile)));
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
