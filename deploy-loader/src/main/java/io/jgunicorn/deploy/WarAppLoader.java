package io.jgunicorn.deploy;

import io.jgunicorn.bridge.core.ContextRegistry;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppLoader;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.deploy.war.UnpackLimits;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Loads a WAR file or an exploded WAR directory ({@code jgunicorn app.war}, {@code --war DIR}). */
public final class WarAppLoader implements AppLoader {

    @Override
    public boolean supports(AppSpec spec) {
        if (!"app".equals(spec.kind()) && !"war".equals(spec.kind())) {
            return false;
        }
        Path p = path(spec.source());
        // with --war any existing file is a WAR to try, so a misnamed archive gets a real error
        return p != null && (WebAppDeployer.isWarSource(p) || "war".equals(spec.kind()) && Files.isRegularFile(p));
    }

    @Override
    public HttpApplication load(AppSpec spec) throws AppLoadException {
        return load(spec, new ContextRegistry());
    }

    /** Loads the WAR as one of the applications that share {@code contexts} (a deploy directory's). */
    public static HttpApplication load(AppSpec spec, ContextRegistry contexts) throws AppLoadException {
        Path source = path(spec.source());
        if (source == null) {
            throw new AppLoadException("not a file name: " + spec.source());
        }
        var bridge = Bridges.forSpec(spec, contexts);
        var prepared = WebAppDeployer.forContainer(spec.workDir(), UnpackLimits.from(spec.settings()))
                .prepare(source.toAbsolutePath(), spec.contextPath());
        return WebAppDeployer.start(prepared, source.toAbsolutePath().toString(), bridge);
    }

    static Path path(String source) {
        try {
            return source == null ? null : Path.of(source);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
