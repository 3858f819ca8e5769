package io.jgunicorn.deploy;

import io.jgunicorn.bridge.core.ContextRegistry;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppLoader;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.deploy.classloading.ServletApiOnlyClassLoader;
import io.jgunicorn.deploy.classloading.WebAppClassLoader;
import java.io.Closeable;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code jgunicorn com.example.MyInitializer --classpath app.jar:lib/*}: an application given as a
 * class name, loaded in its own child-first class loader over {@code --classpath}.
 */
public final class ClassAppLoader implements AppLoader {

    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");

    @Override
    public boolean supports(AppSpec spec) {
        return "app".equals(spec.kind()) && CLASS_NAME.matcher(spec.source()).matches() && !looksLikeFile(spec.source());
    }

    /** "app.war" and "site.ini" match the class-name pattern too; an existing file or known suffix is not a class. */
    private static boolean looksLikeFile(String source) {
        return source.endsWith(".war") || source.endsWith(".ini") || Files.exists(Path.of(source));
    }

    @Override
    public HttpApplication load(AppSpec spec) throws AppLoadException {
        var bridge = Bridges.forSpec(spec, new ContextRegistry()); // first: a bad realm file leaks nothing
        WebAppClassLoader loader = classLoader("classpath", spec.classpath());
        WebAppDeployer.Prepared prepared;
        try {
            prepared = new ClassAppDeployer(spec.workDir())
                    .prepare(spec.source(), spec.contextPath(), loader, spec.classpath(), Map.of(), Map.of());
        } catch (AppLoadException | RuntimeException e) {
            DeployedWebApp.closeAll(List.of(loader));
            throw e;
        }
        List<Closeable> owned = new ArrayList<>(prepared.resources());
        owned.add(loader);
        return WebAppDeployer.start(new WebAppDeployer.Prepared(prepared.descriptor(), owned), spec.source(), bridge);
    }

    /** A child-first loader over class path entries, seeing only the platform and the servlet API besides them. */
    public static WebAppClassLoader classLoader(String name, List<Path> classpath) throws AppLoadException {
        List<URL> urls = new ArrayList<>();
        try {
            for (Path p : classpath) {
                urls.add(p.toAbsolutePath().toUri().toURL());
            }
        } catch (IOException e) {
            throw new AppLoadException("bad class path entry: " + e.getMessage(), e);
        }
        return new WebAppClassLoader(name, urls, ServletApiOnlyClassLoader.forContainer());
    }
}
