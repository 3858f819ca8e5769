package io.jgunicorn.deploy.war;

import io.jgunicorn.bridge.deployment.ResourceView;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The application's files: the unpacked (or exploded) WAR directory first, then the
 * {@code META-INF/resources} directories of the jars in {@code WEB-INF/lib}, as Servlet 3.0 says.
 * Jar resources are indexed once at deploy time; the jars stay open until {@link #close()}.
 */
public final class WarResources implements ResourceView, Closeable {

    private static final String JAR_PREFIX = "META-INF/resources";

    private final Path root;
    private final List<ZipFile> jars = new ArrayList<>();
    /** Resource path ("/x/y.css") to the jar holding it; first jar in name order wins. */
    private final Map<String, ZipFile> jarFiles = new HashMap<>();
    /** Directory path ("/x/") to its children, for jar resources only. */
    private final Map<String, Set<String>> jarDirs = new HashMap<>();

    public WarResources(Path root, List<Path> libJars) throws IOException {
        this.root = root.toRealPath();
        try {
            for (Path jar : libJars) {
                index(jar);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void index(Path jarPath) throws IOException {
        ZipFile jar = Jars.open(jarPath);
        jars.add(jar); // owned from here on, so a failure below still closes it
        boolean used = false;
        for (ZipEntry e : Collections.list(jar.entries())) {
            String name = e.getName();
            if (!name.startsWith(JAR_PREFIX + "/") || name.length() == JAR_PREFIX.length() + 1 || name.contains("..")) {
                continue;
            }
            String path = name.substring(JAR_PREFIX.length());
            used = true;
            if (!e.isDirectory()) {
                jarFiles.putIfAbsent(path, jar);
            }
            addToParents(path);
        }
        if (!used) {
            jars.remove(jar);
            jar.close();
        }
    }

    private void addToParents(String path) {
        String child = path;
        while (child.length() > 1) {
            String trimmed = child.endsWith("/") ? child.substring(0, child.length() - 1) : child;
            String parent = trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
            jarDirs.computeIfAbsent(parent, k -> new TreeSet<>()).add(child);
            child = parent;
        }
    }

    /** The file under the root for {@code path}, or null when the path would leave the root. */
    private Path file(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        Path p = root.resolve(path.substring(1)).normalize();
        return p.startsWith(root) ? p : null;
    }

    /**
     * The attributes of a regular file under the root (a symlink followed only when it stays
     * inside), else null: one stat for a plain file, asked on every request the default servlet
     * serves (where isRegularFile, isSymbolicLink and readAttributes made three).
     */
    private BasicFileAttributes fileAttributes(Path p) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException missingOrUnreadable) {
            return null; // as Files.isRegularFile answers: not a file here (a resource jar may have it)
        }
        if (a.isSymbolicLink()) {
            if (!insideRoot(p)) {
                return null;
            }
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException dangling) {
                return null;
            }
        }
        return a.isRegularFile() ? a : null;
    }

    private boolean isFile(Path p) {
        return p != null && Files.isRegularFile(p) && insideRoot(p);
    }

    /** A symlink inside an exploded directory may point anywhere; only follow it if it stays inside. */
    private boolean insideRoot(Path p) {
        if (!Files.isSymbolicLink(p)) {
            return true;
        }
        try {
            return p.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public URL getResource(String path) throws IOException {
        Path p = file(path);
        if (p != null && Files.exists(p) && insideRoot(p)) {
            return p.toUri().toURL();
        }
        ZipFile jar = jarFileFor(path);
        if (jar != null) {
            String entry = JAR_PREFIX + path;
            return URI.create("jar:" + Path.of(jar.getName()).toUri() + "!/" + entry).toURL();
        }
        return null;
    }

    private ZipFile jarFileFor(String path) {
        ZipFile jar = jarFiles.get(path);
        if (jar == null && jarDirs.containsKey(path.endsWith("/") ? path : path + "/")) {
            jar = firstJarWithDir(path);
        }
        return jar;
    }

    private ZipFile firstJarWithDir(String path) {
        String dir = JAR_PREFIX + (path.endsWith("/") ? path : path + "/");
        for (ZipFile jar : jars) {
            if (jar.getEntry(dir) != null || jar.stream().anyMatch(e -> e.getName().startsWith(dir))) {
                return jar;
            }
        }
        return null;
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path p = file(path);
        if (isFile(p)) {
            return Files.newInputStream(p);
        }
        ZipFile jar = path == null ? null : jarFiles.get(path);
        return jar == null ? null : jar.getInputStream(jar.getEntry(JAR_PREFIX + path));
    }

    @Override
    public Set<String> list(String dirPath) {
        String dir = dirPath.endsWith("/") ? dirPath : dirPath + "/";
        Path p = file(dir);
        Set<String> out = new TreeSet<>(jarDirs.getOrDefault(dir, Set.of()));
        boolean exists = !out.isEmpty() || jarDirs.containsKey(dir);
        if (p != null && Files.isDirectory(p) && insideRoot(p)) {
            exists = true;
            try (Stream<Path> children = Files.list(p)) {
                children.forEach(c -> out.add(dir + c.getFileName() + (Files.isDirectory(c) ? "/" : "")));
            } catch (IOException e) {
                // an unreadable directory lists as what the jars contribute
            }
        }
        return exists ? out : null;
    }

    @Override
    public Path realPath(String path) {
        Path p = file(path);
        return p != null && insideRoot(p) ? p : null;
    }

    @Override
    public Attributes attributes(String path) throws IOException {
        Path p = file(path);
        BasicFileAttributes a = p == null ? null : fileAttributes(p);
        if (a != null) {
            return new Attributes(a.size(), a.lastModifiedTime().toMillis());
        }
        ZipFile jar = path == null ? null : jarFiles.get(path);
        if (jar == null) {
            return null;
        }
        ZipEntry e = jar.getEntry(JAR_PREFIX + path);
        return new Attributes(e.getSize(), e.getTime());
    }

    @Override
    public void close() throws IOException {
        for (ZipFile jar : jars) {
            jar.close();
        }
        jars.clear();
    }

    @Override
    public String toString() {
        return "WarResources[" + root + ", " + jars.size() + " resource jars]";
    }
}
