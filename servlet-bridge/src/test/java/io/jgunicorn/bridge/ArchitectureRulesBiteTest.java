package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.jgunicorn.bridge.archfixture.a.A;
import io.jgunicorn.bridge.archfixture.b.B;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@link ArchitectureTest} catch what they are meant to, on small classes that break them. */
class ArchitectureRulesBiteTest {

    static final class ReadsAFile {
        List<String> read(Path path) throws IOException { return Files.readAllLines(path); }
    }

    static final class AsksAFile {
        boolean exists(File file) { return file.exists(); }
    }

    static final class TurnsTheTempDirIntoAPath {
        Path of(File tempDir) { return tempDir.toPath().resolve("upload"); }
    }

    static final class OpensASocket {
        Socket open() { return new Socket(); }
    }

    static final class StartsAProcess {
        ProcessBuilder start() { return new ProcessBuilder("true"); }
    }

    private static boolean violated(ArchRule rule, Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return rule.evaluate(imported).hasViolation();
    }

    @Test
    void aPackageCycleFails() {
        assertTrue(violated(ArchitectureTest.NO_PACKAGE_CYCLES, A.class, B.class));
        assertFalse(violated(ArchitectureTest.NO_PACKAGE_CYCLES, A.class));
    }

    @Test
    void readingAFileFails() {
        assertTrue(violated(ArchitectureTest.NO_FILE_READING, ReadsAFile.class));
        assertTrue(violated(ArchitectureTest.FILE_ONLY_AS_PATH_AND_NO_EXEC, AsksAFile.class));
    }

    @Test
    void theTempDirAsAPathPasses() {
        assertFalse(violated(ArchitectureTest.NO_FILE_READING, TurnsTheTempDirIntoAPath.class));
        assertFalse(violated(ArchitectureTest.FILE_ONLY_AS_PATH_AND_NO_EXEC, TurnsTheTempDirIntoAPath.class));
    }

    @Test
    void socketsAndProcessesFail() {
        assertTrue(violated(ArchitectureTest.NO_SOCKETS_OR_PROCESSES, OpensASocket.class));
        assertTrue(violated(ArchitectureTest.NO_SOCKETS_OR_PROCESSES, StartsAProcess.class));
    }
}
