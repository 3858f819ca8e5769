package io.jgunicorn.container.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Under CI a missing prerequisite fails; elsewhere it skips. */
class CiTest {

    @Test
    void underCiAMissingPrerequisiteFails() {
        String before = System.getProperty(Ci.PROPERTY);
        System.setProperty(Ci.PROPERTY, "true");
        try {
            assertTrue(Ci.active());
            assertThrows(AssertionError.class, () -> Ci.require(false, "the corpus"));
            Ci.require(true, "the corpus");
        } finally {
            if (before == null) {
                System.clearProperty(Ci.PROPERTY);
            } else {
                System.setProperty(Ci.PROPERTY, before);
            }
        }
    }

    @Test
    void elsewhereItSkips() {
        if (Ci.active()) {
            assertThrows(AssertionError.class, () -> Ci.require(false, "the corpus"));
        } else {
            assertThrows(TestAbortedException.class, () -> Ci.require(false, "the corpus"));
        }
    }
}
