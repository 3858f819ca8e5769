package io.jgunicorn.container.arbiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerLauncherTest {

    @TempDir
    Path runDir;

    @Test
    void settingsFilesWithSecretsAreOwnerOnlyWhateverTheUmask() throws Exception {
        Path stale = Files.writeString(runDir.resolve("settings-2.properties"), "old");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));
        Config c = Config.fromText(Map.of("keyfile_password", "s3cret", "session_store", "redis://u:pw@h:6379"));
        WorkerLauncher launcher = new WorkerLauncher(runDir, List.of());
        for (int generation : new int[] {1, 2}) {
            launcher.configure(c, generation);
            Path f = runDir.resolve("settings-" + generation + ".properties");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            assertTrue(Files.readString(f).contains("keyfile_password=s3cret"));
        }
    }
}
