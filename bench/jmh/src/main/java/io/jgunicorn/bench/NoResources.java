package io.jgunicorn.bench;

import io.jgunicorn.bridge.deployment.ResourceView;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Set;

/** A web application with no files: the benchmarks serve servlets only. */
final class NoResources implements ResourceView {
    @Override public URL getResource(String path) { return null; }
    @Override public InputStream open(String path) { return null; }
    @Override public Set<String> list(String dirPath) { return null; }
    @Override public Path realPath(String path) { return null; }
    @Override public Attributes attributes(String path) { return null; }
}
