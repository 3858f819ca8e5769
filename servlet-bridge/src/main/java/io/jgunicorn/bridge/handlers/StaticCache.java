package io.jgunicorn.bridge.handlers;

import io.jgunicorn.bridge.deployment.ResourceView;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.DateGenerator;

/**
 * What the default servlet worked out for a file it served: its validators, its Last-Modified
 * header and, for a small file, its bytes. An entry is used only while the file's size and mtime
 * are those it was made from; every request still asks the resources for them, so a changed file
 * is served new at once (Tomcat's cache trusts itself for 5 s instead).
 */
final class StaticCache {

    /** Validators are kept for at most this many files; past it, files are served uncached. */
    static final int MAX_ENTRIES = 10_000;

    /**
     * @param bytes the whole file, or null when it is too large, the cache is full, or it changed
     *              while being read (it is then streamed from the resources)
     */
    record Entry(ResourceView.Attributes attributes, String etag, long lastModifiedSeconds,
                 String lastModifiedHeader, byte[] bytes) {

        Entry withoutBytes() {
            return new Entry(attributes, etag, lastModifiedSeconds, lastModifiedHeader, null);
        }
    }

    private final int maxFile;
    private final long maxTotal;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    StaticCache(int maxFile, long maxTotal) {
        this.maxFile = maxFile;
        this.maxTotal = maxTotal;
    }

    /** The entry for {@code path} as it is {@code now}; made (and kept, room permitting) when missing or stale. */
    Entry get(String path, ResourceView.Attributes now, ResourceView resources) throws IOException {
        Entry known = entries.get(path);
        if (known != null && known.attributes().equals(now)) {
            return known;
        }
        Entry fresh = load(path, now, resources);
        int size = fresh.bytes() == null ? 0 : fresh.bytes().length;
        int stale = known == null || known.bytes() == null ? 0 : known.bytes().length;
        // admission is checked, not reserved: racing threads may pass the total by a file or two
        if (size > 0 && total.get() - stale + size > maxTotal) {
            fresh = fresh.withoutBytes();
            size = 0;
        }
        if (known == null && entries.size() >= MAX_ENTRIES) {
            return fresh;
        }
        // each stored entry adds its bytes and takes away those of the entry it replaces
        Entry replaced = entries.put(path, fresh);
        total.addAndGet(size - (replaced == null || replaced.bytes() == null ? 0 : replaced.bytes().length));
        return fresh;
    }

    /** Bytes held now, for tests. */
    long heldBytes() {
        return total.get();
    }

    private Entry load(String path, ResourceView.Attributes now, ResourceView resources) throws IOException {
        long mtime = now.lastModifiedMillis();
        String etag = "\"" + Long.toHexString(mtime) + "-" + Long.toHexString(now.size()) + "\"";
        long seconds = mtime / 1000;
        byte[] bytes = null;
        if (now.size() <= maxFile) {
            try (InputStream in = resources.open(path)) {
                byte[] read = in == null ? null : in.readNBytes(maxFile + 1);
                bytes = read != null && read.length == now.size() ? read : null;
            }
        }
        return new Entry(now, etag, seconds, DateGenerator.formatDate(seconds * 1000), bytes);
    }
}
