package io.jgunicorn.deploy.classloading;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The jars of an optional runtime the distribution keeps off the server's class path
 * ({@code lib/jsp/}, {@code lib/websocket/}): found under {@code jgunicorn.home}, or, without a
 * distribution (tests, embedding), as the jars holding a marker class of each on jgunicorn's own
 * class path. Opened in a class loader whose parent exposes only the platform and the container's
 * {@code jakarta.servlet}, so the runtime and the applications share one servlet API.
 */
final class RuntimeJars {

    private RuntimeJars() {}

    /** The runtime's loader, or null when this installation does not have it. */
    static ClassLoader open(String name, String distDir, List<String> markers) {
        List<URL> urls = locate(distDir, markers);
        if (urls.isEmpty()) {
            return null;
        }
        ClassLoader servletOnly = new ServletApiOnlyClassLoader(RuntimeJars.class.getClassLoader());
        return new URLClassLoader(name, urls.toArray(URL[]::new), servletOnly);
    }

    static List<URL> locate(String distDir, List<String> markers) {
        String home = System.getProperty("jgunicorn.home");
        Path dir = home == null ? null : Path.of(home, distDir);
        try {
            return dir != null && Files.isDirectory(dir) ? jars(dir) : fromClassPath(markers);
        } catch (IOException e) {
            System.getLogger(RuntimeJars.class.getName()).log(System.Logger.Level.WARNING, "cannot list " + dir, e);
            return List.of();
        }
    }

    private static List<URL> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls;
        }
    }

    /** Without a distribution: the jars that hold the runtime on jgunicorn's own class path, if all are there. */
    private static List<URL> fromClassPath(List<String> markers) throws MalformedURLException {
        Set<URL> urls = new LinkedHashSet<>();
        ClassLoader own = RuntimeJars.class.getClassLoader();
        for (String marker : markers) {
            URL url = codeSource(own, marker);
            if (url == null) {
                return List.of();
            }
            urls.add(url);
        }
        return List.copyOf(urls);
    }

    private static URL codeSource(ClassLoader loader, String className) throws MalformedURLException {
        try {
            CodeSource source = Class.forName(className, false, loader).getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toUri().toURL();
        } catch (ClassNotFoundException | LinkageError | URISyntaxException e) {
            return null;
        }
    }
}
