package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.ResourceView;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Set;

/** The files of an application that has none (a class-name app without static files). */
final class EmptyResources implements ResourceView {

    @Override
    public URL getResource(String path) {
        return null;
    }

    @Override
    public InputStream open(String path) {
        return null;
    }

    @Override
    public Set<String> list(String dirPath) {
        return "/".equals(dirPath) ? Set.of() : null;
    }

    @Override
    public Path realPath(String path) {
        return null;
    }

    @Override
    public Attributes attributes(String path) {
        return null;
    }
}
