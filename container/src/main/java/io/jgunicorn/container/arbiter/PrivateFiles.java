package io.jgunicorn.container.arbiter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Settings files for workers: they hold secrets ({@code keyfile_password}, a session store's
 * password), so they are created mode 0600 (owner only) before a byte is written, whatever the
 * umask or {@code worker_tmp_dir}. A worker reads its file before it drops privileges.
 */
final class PrivateFiles {

    private PrivateFiles() {}

    static void writeSettings(Path file, Map<String, String> settings, String comment) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties p = new Properties();
        p.putAll(settings);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            p.store(out, comment);
        }
    }
}
