package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: help, version, usage errors (exit 2, one line). */
class CommandLineTest {

    private static Jgunicorn run(String... args) throws Exception {
        Jgunicorn j = Jgunicorn.launch(List.of(args), Map.of(), null);
        j.awaitExit(Duration.ofSeconds(60));
        return j;
    }

    @Test
    void helpListsTheOptionsAndExitsZero() throws Exception {
        try (Jgunicorn j = run("--help")) {
            assertEquals(0, j.process().exitValue());
            assertTrue(j.output().contains("Usage: jgunicorn"), j.output());
            assertTrue(j.output().contains("--worker-class"), j.output());
            assertTrue(j.output().contains("APP"), j.output());
        }
    }

    @Test
    void versionPrintsTheVersion() throws Exception {
        try (Jgunicorn j = run("--version")) {
            assertEquals(0, j.process().exitValue());
            assertTrue(j.output().matches("(?s)jgunicorn \\(version \\d+\\.\\d+\\.\\d+.*\\).*"), j.output());
        }
    }

    @Test
    void unknownFlagIsOneLineAndExitTwo() throws Exception {
        try (Jgunicorn j = run("--frobnicate")) {
            assertEquals(2, j.process().exitValue());
            assertEquals(1, j.lines().size(), j.output());
            assertTrue(j.output().startsWith("jgunicorn: error: ") && j.output().contains("--frobnicate"), j.output());
        }
    }

    @Test
    void missingWarIsOneLineAndExitTwo() throws Exception {
        for (String[] args : List.of(new String[] {"--war", "nowhere.war"}, new String[] {"nowhere.war"})) {
            try (Jgunicorn j = run(args)) {
                assertEquals(2, j.process().exitValue(), j.output());
                assertEquals(1, j.lines().size(), j.output());
                assertTrue(j.output().contains("not found: nowhere.war"), j.output());
            }
        }
    }

    @Test
    void twoAppSourcesAreAUsageError() throws Exception {
        String war = Jgunicorn.exampleWar("hello").toString();
        try (Jgunicorn j = run("--war", war, war)) {
            assertEquals(2, j.process().exitValue(), j.output());
            assertTrue(j.output().contains("exactly one app source"), j.output());
        }
    }

    @Test
    void badValueNamesTheSetting() throws Exception {
        try (Jgunicorn j = run("-w", "none")) {
            assertEquals(2, j.process().exitValue(), j.output());
            assertTrue(j.output().contains("'workers'") && j.output().contains("not an integer"), j.output());
        }
    }

    @Test
    void printConfigShowsResolvedSettings() throws Exception {
        try (Jgunicorn j = run("--print-config", "-w", "3", "-k", "sync", "--threads", "2")) {
            assertEquals(0, j.process().exitValue(), j.output());
            assertTrue(j.lines().contains("workers = 3"), j.output());
            assertTrue(j.lines().contains("worker_class = \"gthread\""), j.output());
        }
    }

    @Test
    void anIniServerMainSectionSetsSettingsThatTheCommandLineOverrides(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path ini = tmp.resolve("site.ini");
        java.nio.file.Files.writeString(ini, """
                [server:main]
                use = egg:gunicorn#main
                host = 127.0.0.1
                port = 6543
                workers = 3
                timeout = 45
                waitress_only = 1

                [app:main]
                use = war:%s
                """.formatted(Jgunicorn.exampleWar("hello")));
        try (Jgunicorn j = run("--print-config", "--paste", ini.toString(), "-w", "2")) {
            assertEquals(0, j.process().exitValue(), j.output());
            assertTrue(j.lines().contains("bind = [\"127.0.0.1:6543\"]"), j.output());
            assertTrue(j.lines().contains("timeout = 45"), j.output());
            assertTrue(j.lines().contains("workers = 2"), j.output());
            assertTrue(j.output().contains("ignoring keys that are not jgunicorn settings: waitress_only"), j.output());
        }
    }

    @Test
    void theArbiterJvmStartsSmallCompilesLittleAndJgunicornJavaOptsOverrideIt() throws Exception {
        Jgunicorn plain = Jgunicorn.launch(List.of("--version"), Map.of("JGUNICORN_JAVA_OPTS", "-XX:+PrintFlagsFinal"), null);
        plain.awaitExit(Duration.ofSeconds(60));
        assertEquals(0, plain.process().exitValue(), plain.output());
        assertTrue(plain.output().matches("(?s).*\\bInitialHeapSize\\s+= 8388608\\b.*"), "-Xms8m");
        assertTrue(plain.output().matches("(?s).*\\bCompileThresholdScaling\\s+= 50\\.0+\\b.*"),
                "its run-once code stays interpreted");
        Jgunicorn check = Jgunicorn.launch(List.of("--check-config", Jgunicorn.exampleWar("hello").toString()),
                Map.of("JGUNICORN_JAVA_OPTS", "-XX:+PrintFlagsFinal"), null);
        check.awaitExit(Duration.ofSeconds(60));
        assertEquals(0, check.process().exitValue(), check.output());
        assertTrue(check.output().matches("(?s).*\\bCompileThresholdScaling\\s+= 1\\.0+\\b.*"),
                "--check-config loads the application in the arbiter's JVM: default thresholds");
        Jgunicorn bigger = Jgunicorn.launch(List.of("--version"),
                Map.of("JGUNICORN_JAVA_OPTS", "-Xms16m -XX:+PrintFlagsFinal"), null);
        bigger.awaitExit(Duration.ofSeconds(60));
        assertTrue(bigger.output().matches("(?s).*\\bInitialHeapSize\\s+= 16777216\\b.*"), "the operator's -Xms wins");
    }

    @Test
    void busyPortIsAClearErrorAndExitOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            try (Jgunicorn j = run("-b", "127.0.0.1:" + taken.getLocalPort())) {
                assertEquals(1, j.process().exitValue(), j.output());
                assertTrue(j.output().contains("cannot bind 127.0.0.1:" + taken.getLocalPort()), j.output());
            }
        }
    }
}
