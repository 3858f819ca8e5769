package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.ResourceView;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.api.AppFactory;
import io.jgunicorn.deploy.scan.ClassIndex;
import io.jgunicorn.deploy.scan.InitializerScanner;
import io.jgunicorn.deploy.war.Trees;
import io.jgunicorn.deploy.war.WarResources;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes an application named by a class instead of a WAR (the counterpart of
 * {@code gunicorn module:app}): an {@link AppFactory} declares what it wants; a {@code Servlet}
 * becomes the app's default servlet ("/") with the configuration as init parameters; a
 * {@code ServletContainerInitializer} runs with the configuration as context parameters and its
 * {@code @HandlesTypes} matched against the class path.
 */
public final class ClassAppDeployer {

    private final Path workDir;

    public ClassAppDeployer(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * @param loader    loads the class and will be the app's class loader (the caller owns it)
     * @param classpath what {@code loader} loads from, scanned for {@code @HandlesTypes}
     */
    public WebAppDeployer.Prepared prepare(String className, String contextPath, ClassLoader loader, List<Path> classpath,
                                           Map<String, String> globalConf, Map<String, String> localConf) throws AppLoadException {
        Class<?> type = load(className, loader, classpath);
        DescriptorBuilder app = new DescriptorBuilder(contextPath);
        app.displayName(className);
        if (AppFactory.class.isAssignableFrom(type)) {
            configure(type, app, globalConf, localConf);
        } else if (jakarta.servlet.Servlet.class.isAssignableFrom(type)) {
            app.servlet(type.getSimpleName(), className, localConf, "/");
        } else if (jakarta.servlet.ServletContainerInitializer.class.isAssignableFrom(type)) {
            app.initializer(className);
            localConf.forEach(app::contextParam);
        } else {
            throw new AppLoadException("class " + className + " is neither an " + AppFactory.class.getName()
                    + ", a jakarta.servlet.Servlet nor a jakarta.servlet.ServletContainerInitializer");
        }
        return describe(app, loader, classpath, className);
    }

    private static Class<?> load(String className, ClassLoader loader, List<Path> classpath) throws AppLoadException {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AppLoadException("cannot load class " + className + " from the class path " + classpath + ": " + e, e);
        }
    }

    private static void configure(Class<?> type, DescriptorBuilder app, Map<String, String> globalConf, Map<String, String> localConf)
            throws AppLoadException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(type.getClassLoader());
        try {
            AppFactory factory = (AppFactory) type.getDeclaredConstructor().newInstance();
            factory.configure(app, Map.copyOf(globalConf), Map.copyOf(localConf));
        } catch (InvocationTargetException e) {
            throw new AppLoadException("app factory " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AppLoadException("app factory " + type.getName() + " failed: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private WebAppDeployer.Prepared describe(DescriptorBuilder app, ClassLoader loader, List<Path> classpath, String name)
            throws AppLoadException {
        List<Closeable> owned = new ArrayList<>();
        try {
            Path tempDir = Files.createTempDirectory(Files.createDirectories(workDir.resolve("tmp")), "class-app-");
            owned.add(() -> Trees.deleteQuietly(tempDir));
            ResourceView resources = new EmptyResources();
            if (app.staticFiles() != null) {
                WarResources files = new WarResources(app.staticFiles(), List.of());
                owned.add(files);
                resources = files;
            }
            return new WebAppDeployer.Prepared(app.build(loader, resources, tempDir, initializers(app, classpath)), owned);
        } catch (IOException | RuntimeException e) {
            DeployedWebApp.closeAll(owned);
            throw new AppLoadException("cannot deploy " + name + ": " + e, e);
        }
    }

    private static List<InitializerDef> initializers(DescriptorBuilder app, List<Path> classpath) throws IOException {
        if (app.initializers().isEmpty()) {
            return List.of();
        }
        Map<String, String> names = new LinkedHashMap<>();
        app.initializers().forEach(n -> names.put(n, "class path"));
        return InitializerScanner.resolve(new InitializerScanner.Found(names, List.of()), ClassIndex.scanClassPath(classpath));
    }
}
