package io.jgunicorn.deploy.classloading;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * One web application's class loader, child-first as the Servlet spec recommends: classes come from
 * {@code WEB-INF/classes}, then {@code WEB-INF/lib/*.jar}, then the parent. Two exceptions keep the
 * container sound: the platform's own classes ({@code java.*} and every JDK module) always win, so an
 * app cannot replace them, and {@code jakarta.servlet.*} (with jgunicorn's small factory API,
 * {@code io.jgunicorn.deploy.api}) always comes from the parent, so the app and the container agree
 * on what a {@code Servlet} is even when the WAR bundles its own API jar. The JSP runtime's packages
 * (JSP and EL APIs, Jasper) and of the WebSocket runtime ({@code jakarta.websocket}, Tyrus) come from
 * the parent first too, and from the WAR only when the container has no such runtime.
 */
public final class WebAppClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    public WebAppClassLoader(String name, List<URL> urls, ClassLoader parent) {
        super(name, urls.toArray(URL[]::new), parent);
    }

    /** The loader for an unpacked application: its classes directory, then its jars in name order. */
    public static WebAppClassLoader forWebApp(String name, Path appRoot, ClassLoader parent) throws IOException {
        List<URL> urls = new ArrayList<>();
        Path classes = appRoot.resolve("WEB-INF/classes");
        if (Files.isDirectory(classes)) {
            urls.add(classes.toUri().toURL());
        }
        for (Path jar : libJars(appRoot)) {
            urls.add(jar.toUri().toURL());
        }
        return new WebAppClassLoader(name, urls, parent);
    }

    /** {@code WEB-INF/lib/*.jar} sorted by name, so class resolution does not depend on the file system's order. */
    public static List<Path> libJars(Path appRoot) throws IOException {
        Path lib = appRoot.resolve("WEB-INF/lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = parentOnly(name) ? getParent().loadClass(name)
                        : runtime(name) ? parentThenChild(name) : childFirst(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** The optional runtimes' packages: the container's copy first, the WAR's when it has none. */
    private static boolean runtime(String name) {
        return ContainerPackages.jsp(name) || ContainerPackages.websocket(name);
    }

    private static boolean parentOnly(String name) {
        return name.startsWith("java.") || ContainerPackages.servlet(name);
    }

    private Class<?> parentThenChild(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException notInContainer) {
            return findClass(name);
        }
    }

    private Class<?> childFirst(String name) throws ClassNotFoundException {
        try {
            return platform.loadClass(name);
        } catch (ClassNotFoundException notPlatform) {
            // not a JDK class: the application's own copy wins
        }
        try {
            return findClass(name);
        } catch (ClassNotFoundException notLocal) {
            return getParent().loadClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        String dotted = name.replace('/', '.');
        if (runtime(dotted)) {
            URL url = getParent().getResource(name);
            return url != null ? url : findResource(name);
        }
        URL url = parentOnly(dotted) ? null : findResource(name);
        return url != null ? url : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
