package io.jgunicorn.container.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void aliasesMapToTheirClassAndSyncWithThreadsBecomesGthread() {
        assertEquals("virtual", Workers.canonicalName("gevent", 1));
        assertEquals("virtual", Workers.canonicalName("eventlet", 1));
        assertEquals("async", Workers.canonicalName("tornado", 1));
        assertEquals("async", Workers.canonicalName("ASGI", 1));
        assertEquals("sync", Workers.canonicalName("sync", 1));
        assertEquals("gthread", Workers.canonicalName("sync", 4));
        assertEquals("virtual", Workers.canonicalName("virtual", 4));
    }

    @Test
    void unknownClassNamesTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Workers.canonicalName("uvicorn", 1));
        for (String name : Workers.NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
