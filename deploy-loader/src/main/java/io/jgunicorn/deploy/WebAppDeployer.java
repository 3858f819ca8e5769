package io.jgunicorn.deploy;

import io.jgunicorn.bridge.ServletBridge;
import io.jgunicorn.bridge.deployment.WebAppDeployment;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.deploy.classloading.ServletApiOnlyClassLoader;
import io.jgunicorn.deploy.classloading.WebAppClassLoader;
import io.jgunicorn.deploy.descriptor.DescriptorMerger;
import io.jgunicorn.deploy.war.Trees;
import io.jgunicorn.deploy.war.UnpackLimits;
import io.jgunicorn.deploy.war.WarResources;
import io.jgunicorn.deploy.war.WarUnpacker;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The WAR pipeline, step by step: unpack (for a .war file) → class loader → resource view →
 * descriptor → {@code ServletBridge.deploy(...).start()}. Every step that fails undoes the earlier
 * ones, so a broken WAR leaves no open jars and no unpacked directory behind.
 */
public final class WebAppDeployer {

    private final Path workDir;
    private final UnpackLimits limits;
    private final ClassLoader parent;

    public WebAppDeployer(Path workDir, UnpackLimits limits, ClassLoader parent) {
        this.workDir = workDir;
        this.limits = limits;
        this.parent = parent;
    }

    public static WebAppDeployer forContainer(Path workDir, UnpackLimits limits) {
        return new WebAppDeployer(workDir, limits, ServletApiOnlyClassLoader.forContainer());
    }

    /** True for what this deployer can take: a .war file or a directory. */
    public static boolean isWarSource(Path p) {
        return Files.isDirectory(p) || Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".war");
    }

    /** A prepared but not yet started application: its descriptor and what must be closed with it. */
    public record Prepared(WebAppDescriptor descriptor, List<Closeable> resources) implements Closeable {
        @Override
        public void close() {
            DeployedWebApp.closeAll(resources);
        }
    }

    /** Steps up to the descriptor; the caller owns the result and must close it. */
    public Prepared prepare(Path source, String contextPath) throws AppLoadException {
        List<Closeable> owned = new ArrayList<>();
        try {
            String base = baseName(source);
            Path root = source;
            if (Files.isRegularFile(source)) {
                root = Files.createTempDirectory(dir("webapps"), base + "-");
                owned.add(deleting(root));
                new WarUnpacker(limits).unpack(source, root);
            } else if (!Files.isDirectory(source)) {
                throw new AppLoadException("no such WAR file or directory: " + source);
            }
            Path tempDir = Files.createTempDirectory(dir("tmp"), base + "-");
            owned.add(deleting(tempDir));
            WebAppClassLoader loader = WebAppClassLoader.forWebApp("webapp:" + base, root, parent);
            owned.addFirst(loader);
            WarResources resources = new WarResources(root, WebAppClassLoader.libJars(root));
            owned.addFirst(resources);
            var target = new DescriptorMerger.Target(ContextPaths.normalize(contextPath), loader, resources, tempDir);
            return new Prepared(WebAppAssembler.assemble(root, source.toString(), target), owned);
        } catch (AppLoadException e) {
            DeployedWebApp.closeAll(owned);
            throw e;
        } catch (IOException | RuntimeException e) {
            DeployedWebApp.closeAll(owned);
            throw new AppLoadException("cannot deploy " + source + ": " + e, e);
        }
    }

    /** All the steps: the started application, mounted at {@code contextPath}. */
    public DeployedWebApp deploy(Path source, String contextPath) throws AppLoadException {
        return start(prepare(source, contextPath), source.toString());
    }

    /** Hands a prepared descriptor to the servlet bridge and starts it. */
    public static DeployedWebApp start(Prepared prepared, String name) throws AppLoadException {
        return start(prepared, name, ServletBridge::deploy);
    }

    /** {@link #start(Prepared, String)} with the bridge as a parameter, so tests can stand in for it. */
    public static DeployedWebApp start(Prepared prepared, String name, Function<WebAppDescriptor, WebAppDeployment> bridge)
            throws AppLoadException {
        WebAppDeployment deployment = null;
        try {
            deployment = bridge.apply(prepared.descriptor());
            HttpApplication app = deployment.start();
            return new DeployedWebApp(name, deployment, app, prepared.resources());
        } catch (Exception e) {
            if (deployment != null) {
                undeployQuietly(deployment, e);
            }
            prepared.close();
            throw new AppLoadException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Cleans up after a failed start; what fails here (an Error too) is kept as suppressed by {@code failure}, never thrown. */
    private static void undeployQuietly(WebAppDeployment deployment, Exception failure) {
        List<Runnable> steps = List.of(deployment::stop, deployment::undeploy);
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                failure.addSuppressed(e); // already failing: the start error is the one to report
            }
        }
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(workDir.resolve(name));
    }

    private static Closeable deleting(Path dir) {
        return () -> Trees.deleteQuietly(dir);
    }

    static String baseName(Path source) {
        String n = source.getFileName() == null ? "app" : source.getFileName().toString();
        int dot = n.toLowerCase(Locale.ROOT).endsWith(".war") ? n.length() - 4 : n.length();
        String base = n.substring(0, dot).replaceAll("[^A-Za-z0-9._-]", "_");
        return base.isEmpty() ? "app" : base;
    }
}
