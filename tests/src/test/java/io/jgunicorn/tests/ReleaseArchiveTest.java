package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive as a new user meets it: unpacked anywhere, it runs with a JDK and nothing else. */
class ReleaseArchiveTest {

    @TempDir
    Path empty;

    static Path archive(String ext) throws Exception {
        try (var s = Files.list(Jgunicorn.root().resolve("dist/target"))) {
            List<Path> found = s.filter(p -> p.getFileName().toString().matches("jgunicorn-.+\\." + ext.replace(".", "\\.")))
                    .toList();
            assertEquals(1, found.size(), "one jgunicorn-VERSION." + ext + " in dist/target: " + found);
            return found.getFirst();
        }
    }

    static String run(Path dir, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd.toString());
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }

    @Test
    void unpackedIntoAnEmptyDirectoryItServesAWarWithOnlyAJdk() throws Exception {
        Path tgz = archive("tar.gz");
        String version = tgz.getFileName().toString().replaceAll("^jgunicorn-|\\.tar\\.gz$", "");
        run(empty, List.of("tar", "-xzf", tgz.toString()));
        Path home = empty.resolve("jgunicorn-" + version);
        assertTrue(Files.isExecutable(home.resolve("bin/jgunicorn")));
        for (String f : List.of("apps/hello.war", "apps/spec.war", "conf/jgunicorn.conf.toml", "docs/settings.md",
                "docs/README.md", "lib/jsp")) {
            assertTrue(Files.exists(home.resolve(f)), f);
        }
        assertTrue(Files.readString(home.resolve("systemd/jgunicorn.service")).contains("Type=notify"));
        try (ZipFile zip = new ZipFile(archive("zip").toFile())) {
            assertTrue(zip.getEntry("jgunicorn-" + version + "/bin/jgunicorn") != null, "the .zip holds the same tree");
        }

        String bin = home.resolve("bin/jgunicorn").toString();
        assertEquals("jgunicorn (version " + version + ")", run(empty, List.of(bin, "--version")).trim());

        List<String> args = List.of("-b", "127.0.0.1:0", "--no-control-socket", "-c",
                home.resolve("conf/jgunicorn.conf.toml").toString(), home.resolve("apps/hello.war").toString());
        ProcessBuilder pb = new ProcessBuilder(concat(bin, args)).directory(empty.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JGUNICORN") || k.equals("PORT") || k.equals("WEB_CONCURRENCY"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try (Jgunicorn j = Jgunicorn.wrap(pb.start(), args)) {
            Http.Response r = Http.get(j.port(), "/");
            assertEquals(200, r.status(), j.output());
            assertTrue(r.text().contains("Hello from jgunicorn!"), r.text());
            Jgunicorn.await("a worker", Duration.ofSeconds(60), () -> !j.workerPids().isEmpty());
            String classPath = String.join(" ", Arrays.asList(ProcessHandle.of(j.workerPids().getFirst()).orElseThrow()
                    .info().arguments().orElse(new String[0])));
            assertTrue(classPath.contains(home.resolve("lib").toString()), classPath);
            assertFalse(classPath.contains(Jgunicorn.root().resolve("dist").toString()), "nothing from the checkout: " + classPath);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
