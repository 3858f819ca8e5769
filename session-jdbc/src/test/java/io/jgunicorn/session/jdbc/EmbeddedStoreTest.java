package io.jgunicorn.session.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.session.SharedSessionStore;
import io.jgunicorn.bridge.session.StoredSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL store on its embedded SQLite file; several store instances stand for several workers. */
class EmbeddedStoreTest {

    @TempDir Path dir;
    private final List<SharedSessionStore> opened = new ArrayList<>();

    private SharedSessionStore worker() {
        SharedSessionStore s = new EmbeddedStoreProvider().open("embedded", dir, "/shop");
        opened.add(s);
        return s;
    }

    @BeforeEach
    void first() {
        worker().insert(new StoredSession(meta("S1", 1000, 60), Map.of("a", bytes("1"))));
    }

    @AfterEach
    void close() {
        opened.forEach(SharedSessionStore::close);
    }

    private static StoredSession.Meta meta(String id, long accessed, int maxInactive) {
        return new StoredSession.Meta(id, 1000, 1000, accessed, maxInactive, false,
                maxInactive <= 0 ? Long.MAX_VALUE : accessed + maxInactive * 1000L);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void workersChangingDifferentAttributesOfOneSessionAtOnceKeepEveryChange() throws Exception {
        int workers = 6;
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                SharedSessionStore store = worker();
                String name = "w" + w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i <= 30; i++) {
                        assertTrue(store.update(meta("S1", 2000 + i, 60), Map.of(name, bytes(name + "=" + i)), Set.of()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        StoredSession s = worker().load("S1");
        assertEquals(workers + 1, s.attributes().size(), s.attributes().keySet().toString());
        for (int w = 0; w < workers; w++) {
            assertArrayEquals(bytes("w" + w + "=30"), s.attributes().get("w" + w));
        }
    }

    @Test
    void ofManyWorkersDeletingOneSessionExactlyOneIsTold() throws Exception {
        int workers = 6;
        List<SharedSessionStore> stores = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            stores.add(worker());
        }
        long winners;
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Boolean>> answers = stores.stream().map(s -> pool.submit(() -> s.delete("S1"))).toList();
            winners = 0;
            for (Future<Boolean> a : answers) {
                winners += a.get() ? 1 : 0;
            }
        }
        assertEquals(1, winners);
        assertNull(worker().load("S1"));
    }

    @Test
    void aRequestFinishingAfterInvalidationDoesNotBringTheSessionBack() {
        SharedSessionStore a = worker();
        assertTrue(a.delete("S1"));
        assertFalse(worker().update(meta("S1", 3000, 60), Map.of("b", bytes("2")), Set.of()));
        assertNull(a.load("S1"));
    }

    @Test
    void expiryTakesOnlySessionsStillExpired() {
        SharedSessionStore store = worker();
        assertEquals(List.of(), store.expiredIds(61_000, 10), "expires at 61000: not before");
        assertEquals(List.of("S1"), store.expiredIds(61_001, 10));
        assertTrue(store.update(meta("S1", 50_000, 60), Map.of(), Set.of())); // used meanwhile
        assertFalse(store.deleteIfExpired("S1", 61_001));
        assertTrue(store.deleteIfExpired("S1", 110_001));
        assertFalse(worker().deleteIfExpired("S1", 110_001));
    }

    @Test
    void renameMovesTheAttributesAndFreesTheOldId() {
        SharedSessionStore store = worker();
        assertTrue(store.rename("S1", "S2"));
        assertNull(store.load("S1"));
        StoredSession moved = store.load("S2");
        assertNotNull(moved);
        assertArrayEquals(bytes("1"), moved.attributes().get("a"));
        assertFalse(worker().rename("S1", "S3"));
    }

    @Test
    void removedAttributesAreGoneAndContextsAreSeparate() {
        SharedSessionStore store = worker();
        assertTrue(store.update(meta("S1", 2000, 60), Map.of("b", bytes("2")), Set.of("a")));
        assertEquals(Set.of("b"), store.load("S1").attributes().keySet());
        SharedSessionStore other = new EmbeddedStoreProvider().open("embedded", dir, "/other");
        opened.add(other);
        assertNull(other.load("S1"));
    }
}
