package io.jgunicorn.container.arbiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheStoreTest {

    @TempDir
    Path tmp;

    private final List<String> refusals = new ArrayList<>();

    private AotCacheStore open(Map<String, String> settings) {
        return AotCacheStore.open(Config.defaults().withText(settings), refusals::add);
    }

    @Test
    void theSettingThenXdgThenTheHomeDirectory() {
        assertEquals(Path.of("/srv/aot"), AotCacheStore.directory("/srv/aot", "/x", "/home/u"));
        assertEquals(Path.of("/x/jgunicorn/aot"), AotCacheStore.directory(null, "/x", "/home/u"));
        assertEquals(Path.of("/home/u/.cache/jgunicorn/aot"), AotCacheStore.directory(null, "relative", "/home/u"),
                "XDG_CACHE_HOME must be absolute to count");
        assertEquals(Path.of("/home/u/.cache/jgunicorn/aot"), AotCacheStore.directory("", null, "/home/u"));
        assertNull(AotCacheStore.directory(null, null, "?"));
    }

    @Test
    void aMissingDirectoryIsCreatedForItsOwnerOnly() throws Exception {
        Path dir = tmp.resolve("cache/jgunicorn/aot");
        AotCacheStore store = open(Map.of("aot_cache_dir", dir.toString()));
        assertNotNull(store, refusals.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void switchedOffByNoAotCacheAndByPreload() {
        assertNull(open(Map.of("aot_cache_dir", tmp.toString(), "no_aot_cache", "true")));
        assertNull(open(Map.of("aot_cache_dir", tmp.toString(), "preload_app", "true")));
        assertTrue(refusals.isEmpty(), "switching it off is no refusal: " + refusals);
    }

    @Test
    void aDirectoryOthersMayWriteIsRefused() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNull(open(Map.of("aot_cache_dir", shared.toString())));
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).contains(shared + " is writable by others (rwxrwxrwx)"), refusals.get(0));
        Path file = Files.createFile(tmp.resolve("a-file"));
        assertNull(open(Map.of("aot_cache_dir", file.toString())));
        assertTrue(refusals.get(1).contains("is not a directory"), refusals.get(1));
    }

    @Test
    void theKeyChangesWithTheOptionsTheClassPathAndTheApp() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "x");
        String cp = jar.toString();
        List<String> opts = List.of("java", "-Xmx64m");
        String key = AotCacheStore.key(opts, cp, "war:hello.war");
        assertEquals(key, AotCacheStore.key(opts, cp, "war:hello.war"));
        assertNotEquals(key, AotCacheStore.key(List.of("java", "-Xmx128m"), cp, "war:hello.war"));
        assertNotEquals(key, AotCacheStore.key(opts, cp, "war:shop.war"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertNotEquals(key, AotCacheStore.key(opts, cp, "war:hello.war"), "a rebuilt jar is another build");
    }

    @Test
    void publishedCachesAreFoundAndOnlyTheRecentOnesKept() throws Exception {
        AotCacheStore store = open(Map.of("aot_cache_dir", tmp.resolve("aot").toString()));
        assertNull(store.find("k0"));
        for (int i = 0; i < 10; i++) {
            Path made = store.scratch("k" + i, ".aot");
            Files.writeString(made, "cache " + i);
            Path cache = store.publish(made, "k" + i);
            assertEquals(store.dir().resolve("k" + i + ".aot"), cache);
            Files.setLastModifiedTime(cache, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Path stale = Files.writeString(store.scratch("old", ".aotconf"), "left by a killed arbiter");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(0));
        store.publish(Files.writeString(store.scratch("k10", ".aot"), "cache 10"), "k10");
        try (var files = Files.list(store.dir())) {
            assertEquals(8, files.count(), "the 8 most recently used caches; the stale scratch file is gone");
        }
        assertNull(store.find("k1"), "pruned: the least recently used");
        assertNotNull(store.find("k10"));
        assertEquals("cache 9", Files.readString(store.find("k9")));
    }
}
