package io.jgunicorn.bridge.testkit;

import io.jgunicorn.bridge.deployment.ResourceView;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A {@link ResourceView} over an in-memory map of path to bytes; every file has mtime {@link #MTIME} unless given one. */
public final class MemoryResources implements ResourceView {

    public static final long MTIME = 1_700_000_000_000L;

    private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, Long> mtimes = new java.util.concurrent.ConcurrentHashMap<>();

    /** Replaces a file, as an editor would: new content and a new mtime. */
    public MemoryResources put(String path, String content, long mtime) {
        put(path, content);
        mtimes.put(path, mtime);
        return this;
    }

    public MemoryResources put(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public MemoryResources put(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    @Override
    public URL getResource(String path) {
        if (!files.containsKey(path) && list(path.endsWith("/") ? path : path + "/") == null) {
            return null;
        }
        try {
            return new URL("file:/memory" + path);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream open(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    public Set<String> list(String dirPath) {
        Set<String> entries = new TreeSet<>();
        for (String file : files.keySet()) {
            if (file.startsWith(dirPath) && file.length() > dirPath.length()) {
                String rest = file.substring(dirPath.length());
                int slash = rest.indexOf('/');
                entries.add(dirPath + (slash < 0 ? rest : rest.substring(0, slash + 1)));
            }
        }
        return entries.isEmpty() ? null : entries;
    }

    @Override
    public Path realPath(String path) {
        return null;
    }

    @Override
    public Attributes attributes(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? null : new Attributes(bytes.length, mtimes.getOrDefault(path, MTIME));
    }
}
