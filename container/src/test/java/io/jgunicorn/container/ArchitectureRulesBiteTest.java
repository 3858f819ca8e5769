package io.jgunicorn.container;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.jgunicorn.container.archfixture.a.A;
import io.jgunicorn.container.archfixture.b.B;
import io.jgunicorn.deploy.archfixture.LoaderLike;
import jakarta.archfixture.ServletLike;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The rules of {@link ArchitectureTest} catch what they are meant to, on small classes that break them. */
class ArchitectureRulesBiteTest {

    static final class UsesJakarta {
        ServletLike servlet() { return null; }
    }

    static final class UsesTheLoader {
        LoaderLike loader() { return null; }
    }

    /** What {@code hash-password} once did: reach the bridge's realm by name. */
    static final class ReachesTheBridgeByName {
        Object realm() throws ClassNotFoundException {
            return Class.forName("io.jgunicorn.bridge.security.FileRealm");
        }
    }

    static final class Harmless {
        String name() { return "io-jgunicorn-container"; }
    }

    private static boolean violated(ArchRule rule, Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return rule.evaluate(imported).hasViolation();
    }


    private static byte[] nestedClassFile(Class<?> c) throws IOException {
        String name = c.getName();
        try (InputStream in = c.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPackageCycleFails() {
        assertTrue(violated(ArchitectureTest.NO_PACKAGE_CYCLES, A.class, B.class));
        assertFalse(violated(ArchitectureTest.NO_PACKAGE_CYCLES, A.class));
    }

    @Test
    void usingJakartaFails() {
        assertTrue(violated(ArchitectureTest.NO_JAKARTA, UsesJakarta.class));
        assertFalse(violated(ArchitectureTest.NO_JAKARTA, Harmless.class));
    }

    @Test
    void usingTheLoaderFails() {
        assertTrue(violated(ArchitectureTest.NO_UPPER_MODULES, UsesTheLoader.class));
        assertFalse(violated(ArchitectureTest.NO_UPPER_MODULES, Harmless.class));
    }

    @Test
    void reachingTheBridgeByNameFails() throws IOException {
        assertTrue(violated(ArchitectureTest.CLASSES_BY_NAME_ONLY_FOR_HOOKS_AND_INHERITED_CHANNELS,
                ReachesTheBridgeByName.class));
        assertFalse(violated(ArchitectureTest.CLASSES_BY_NAME_ONLY_FOR_HOOKS_AND_INHERITED_CHANNELS, Harmless.class));
        assertTrue(ArchitectureTest.namesAnUpperModule(nestedClassFile(ReachesTheBridgeByName.class)));
        assertTrue(ArchitectureTest.namesAnUpperModule(nestedClassFile(UsesJakarta.class)));
        assertFalse(ArchitectureTest.namesAnUpperModule(nestedClassFile(Harmless.class)));
    }
}
