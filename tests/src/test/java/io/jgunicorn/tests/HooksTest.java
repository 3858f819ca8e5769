package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each server hook runs, in the process Gunicorn runs it in. */
class HooksTest {

    static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private static long pidOf(String line) {
        return Long.parseLong(line.split(" ")[1]);
    }

    @Test
    void hooksRunInTheArbiterOrTheWorkerAsInGunicorn() throws Exception {
        Path log = tmp.resolve("hooks.log");
        long arbiter;
        long worker;
        try (Jgunicorn j = Jgunicorn.startWithHooks(log, Jgunicorn.exampleWar("hello").toString())) {
            arbiter = j.pid();
            int port = j.port();
            worker = SignalsTest.workerPid(port);
            assertEquals(arbiter, pidOf(Jgunicorn.awaitHook(log, "on_starting")));
            assertEquals(arbiter, pidOf(Jgunicorn.awaitHook(log, "pre_fork")));
            assertEquals(arbiter, pidOf(Jgunicorn.awaitHook(log, "when_ready")));
            String postFork = Jgunicorn.awaitHook(log, "post_fork");
            assertEquals(worker, pidOf(postFork));
            assertTrue(postFork.contains("arbiter=" + arbiter), postFork);
            assertEquals(worker, pidOf(Jgunicorn.awaitHook(log, "post_worker_init")));
            assertTrue(Jgunicorn.awaitHook(log, "pre_request " + worker).endsWith("GET /"));
            assertTrue(Jgunicorn.awaitHook(log, "post_request " + worker).endsWith("GET / 200"));
            j.signal("TTIN");
            assertEquals(arbiter, pidOf(Jgunicorn.awaitHook(log, "nworkers_changed " + arbiter + " 1->2")));
            j.signal("HUP");
            assertEquals(arbiter, pidOf(Jgunicorn.awaitHook(log, "on_reload")));
            Jgunicorn.awaitHook(log, "child_exit " + arbiter + " worker=" + worker + " code=0");
            j.signal("TERM");
            assertEquals(0, j.awaitExit(LONG));
        }
        List<String> lines = Jgunicorn.hookLines(log);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("pre_exec")), "no USR2, no pre_exec");
        assertTrue(lines.stream().anyMatch(l -> l.equals("worker_exit " + worker)), lines.toString());
        assertEquals("on_exit " + arbiter, lines.getLast());
    }

    @Test
    void preExecRunsInTheOldArbiterOnUsr2() throws Exception {
        Path log = tmp.resolve("hooks.log");
        long newArbiter = 0;
        try (Jgunicorn j = Jgunicorn.startWithHooks(log, Jgunicorn.exampleWar("hello").toString())) {
            SignalsTest.workerPid(j.port());
            j.signal("USR2");
            assertEquals(j.pid(), pidOf(Jgunicorn.awaitHook(log, "pre_exec")));
            java.util.regex.Matcher m = j.awaitLine(java.util.regex.Pattern.compile("Started a new arbiter with pid: (\\d+)"), LONG);
            newArbiter = Long.parseLong(m.group(1));
            long na = newArbiter;
            // the new arbiter runs on_starting itself, in its own process
            Jgunicorn.await("the new arbiter's on_starting", LONG,
                    () -> Jgunicorn.hookLines(log).stream().anyMatch(l -> l.startsWith("on_starting " + na)));
        } finally {
            if (newArbiter != 0) {
                Jgunicorn.kill(newArbiter, "TERM");
                long na = newArbiter;
                Jgunicorn.await("the new arbiter exits", LONG, () -> ProcessHandle.of(na).isEmpty());
            }
        }
    }
}
