package io.jgunicorn.bridge.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jgunicorn.bridge.deployment.ResourceView;
import io.jgunicorn.bridge.testkit.MemoryResources;
import org.junit.jupiter.api.Test;

class StaticCacheTest {

    private final MemoryResources files = new MemoryResources()
            .put("/a.txt", "aaaa").put("/b.txt", "bbbb").put("/c.txt", "cccccccccc");

    private StaticCache.Entry get(StaticCache cache, String path) throws Exception {
        return cache.get(path, files.attributes(path), files);
    }

    @Test
    void keepsBytesUpToItsLimitsAndCountsReplacementsOnce() throws Exception {
        StaticCache cache = new StaticCache(8, 8);
        StaticCache.Entry a = get(cache, "/a.txt");
        assertEquals("aaaa", new String(a.bytes()));
        assertSame(a, get(cache, "/a.txt"), "unchanged: the same entry");
        assertNotNull(get(cache, "/b.txt").bytes());
        assertEquals(8, cache.heldBytes());
        assertNull(get(cache, "/c.txt").bytes(), "larger than a cached file may be");

        files.put("/a.txt", "AAA", MemoryResources.MTIME + 1000);
        StaticCache.Entry changed = get(cache, "/a.txt");
        assertEquals("AAA", new String(changed.bytes()));
        assertEquals(7, cache.heldBytes(), "the old bytes of /a.txt no longer count");
        files.put("/d.txt", "dd");
        assertNull(get(cache, "/d.txt").bytes(), "7 + 2 would pass the 8-byte total");
        assertEquals(7, cache.heldBytes());
    }

    @Test
    void validatorsFollowSizeAndMtime() throws Exception {
        StaticCache cache = new StaticCache(8, 8);
        StaticCache.Entry a = get(cache, "/a.txt");
        assertEquals("\"" + Long.toHexString(MemoryResources.MTIME) + "-4\"", a.etag());
        assertEquals(MemoryResources.MTIME / 1000, a.lastModifiedSeconds());
        assertEquals(org.eclipse.jetty.http.DateGenerator.formatDate(MemoryResources.MTIME / 1000 * 1000), a.lastModifiedHeader());
        assertEquals(new ResourceView.Attributes(4, MemoryResources.MTIME), a.attributes());
    }
}
