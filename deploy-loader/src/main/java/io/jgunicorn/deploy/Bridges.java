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
import io.jgunicorn.deploy.descriptor.ContextXml;
import io.jgunicorn.deploy.descriptor.DescriptorException;
import io.jgunicorn.deploy.naming.NamingDeployment;
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
                .withRequireSerializable(Boolean.parseBoolean(settings.get("session_require_serializable")))
                .withCompression(compression(settings));
        BridgeOptions options = withSessionStore(base, settings.get("session_store"), sharedDir)
                .withContexts(contexts, Boolean.parseBoolean(settings.get("cross_context")))
                .withAbsoluteRedirects(Boolean.parseBoolean(settings.get("absolute_redirects")));
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
        ContextXml operator = operatorResources(settings.get("jndi_resources"));
        java.util.function.Function<ClassLoader, ClassLoader> drivers = driverLoader(settings.get("jdbc_drivers"));
        return d -> new NamingDeployment(d, operator, drivers, app -> ServletBridge.deploy(app, chosen));
    }

    private static io.jgunicorn.bridge.deployment.Compression compression(Map<String, String> settings) throws AppLoadException {
        try {
            return io.jgunicorn.bridge.deployment.Compression.parse(settings.get("compression"), settings.get("compression_min_size"),
                    settings.get("compressible_mime_types"));
        } catch (IllegalArgumentException e) {
            throw new AppLoadException(e.getMessage(), e);
        }
    }

    /** The operator's resources (setting {@code jndi_resources}: a file in context.xml's format). */
    private static ContextXml operatorResources(String file) throws AppLoadException {
        if (file == null || file.isBlank()) {
            return ContextXml.EMPTY;
        }
        Path path = Path.of(file);
        try (java.io.InputStream in = Files.newInputStream(path)) {
            return ContextXml.parse(in, "jndi_resources " + path);
        } catch (DescriptorException e) {
            throw new AppLoadException(e.getMessage(), e);
        } catch (IOException e) {
            throw new AppLoadException("cannot read jndi_resources " + file + ": " + e, e);
        }
    }

    /**
     * The JDBC drivers the operator provides (setting {@code jdbc_drivers}: a directory of jars), in
     * a loader per application whose parent is the application's, so a driver may use its classes.
     */
    private static java.util.function.Function<ClassLoader, ClassLoader> driverLoader(String dir) throws AppLoadException {
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path path = Path.of(dir);
        java.util.List<java.net.URL> jars = new java.util.ArrayList<>();
        try (var files = Files.list(path)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new AppLoadException("cannot read jdbc_drivers " + dir + ": " + e, e);
        }
        if (jars.isEmpty()) {
            throw new AppLoadException("jdbc_drivers " + dir + " holds no .jar file");
        }
        java.net.URL[] urls = jars.toArray(java.net.URL[]::new);
        return app -> new java.net.URLClassLoader("jdbc-drivers", urls, app);
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
