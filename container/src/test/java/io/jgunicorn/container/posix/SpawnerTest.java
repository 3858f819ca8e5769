package io.jgunicorn.container.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnerTest {

    @TempDir
    Path tmp;

    private static int listenLoopback() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return Posix.listen(Posix.AF_INET, SocketAddresses.inet(arena, InetAddress.getLoopbackAddress(), 0), 16);
        }
    }

    /** Polls for the child's exit (spawned children are reaped only by pid). */
    private static Posix.ExitStatus waitFor(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Posix.ExitStatus st = Posix.reap(pid);
            if (st != null) {
                return st;
            }
            Thread.sleep(10); // polling a child's exit status with a deadline
        }
        throw new AssertionError("child " + pid + " did not exit");
    }

    @Test
    void boundPortIsRealAndAcceptsConnections() throws IOException {
        int fd = listenLoopback();
        try {
            int port = Posix.boundPort(fd);
            assertTrue(port > 0);
            assertEquals(Posix.AF_INET, Posix.socketFamily(fd));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                assertTrue(s.isConnected());
            }
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void childGetsTheSocketOnFdZeroAndNoOtherInheritedFds() throws Exception {
        int fd = listenLoopback();
        Path out = tmp.resolve("fds.txt");
        try {
            long pid = Spawner.spawn(List.of("/bin/sh", "-c", "exec ls -l /proc/self/fd > " + out),
                    Map.of("PATH", "/usr/bin:/bin"), List.of(fd), null);
            assertEquals(new Posix.ExitStatus(0, 0), waitFor(pid));
        } finally {
            Posix.close(fd);
        }
        List<String> lines = Files.readAllLines(out);
        String fd0 = lines.stream().filter(l -> l.matches(".* 0 -> .*")).findFirst().orElseThrow();
        assertTrue(fd0.contains("socket:"), fd0);
        // 0, 1, 2 and the fd ls itself opens for /proc/PID/fd (3); nothing the JVM had open leaks in
        long highFds = lines.stream().filter(l -> l.matches(".* ([4-9]|\\d\\d+) -> .*")).count();
        assertEquals(0, highFds, String.join("\n", lines));
    }

    @Test
    void exitCodesAndSignalsAreReported() throws Exception {
        long pid = Spawner.spawn(List.of("/bin/sh", "-c", "exit 4"), Map.of(), List.of(), null);
        assertEquals(4, waitFor(pid).code());
        long sleeper = Spawner.spawn(List.of("/bin/sh", "-c", "exec sleep 60"), Map.of("PATH", "/usr/bin:/bin"), List.of(), null);
        assertTrue(Posix.kill(sleeper, Posix.SIGKILL));
        Posix.ExitStatus st = waitFor(sleeper);
        assertTrue(st.signaled());
        assertEquals(Posix.SIGKILL, st.signal());
    }

    @Test
    void workingDirectoryAndEnvironmentAreApplied() throws Exception {
        Path out = tmp.resolve("env.txt");
        long pid = Spawner.spawn(List.of("/bin/sh", "-c", "echo \"$(pwd) $GREETING\" > " + out),
                Map.of("GREETING", "hi"), List.of(), tmp);
        assertEquals(0, waitFor(pid).code());
        assertEquals(tmp.toRealPath() + " hi", Files.readString(out).trim());
    }

    @Test
    void spawnOfAMissingProgramFailsWithErrno() {
        PosixException e = org.junit.jupiter.api.Assertions.assertThrows(PosixException.class,
                () -> Spawner.spawn(List.of("/no/such/program"), Map.of(), List.of(), null));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());
    }

    @Test
    void bindingABusyPortFailsClearly() throws IOException {
        int fd = listenLoopback();
        try (Arena arena = Arena.ofConfined()) {
            int port = Posix.boundPort(fd);
            PosixException e = org.junit.jupiter.api.Assertions.assertThrows(PosixException.class,
                    () -> Posix.listen(Posix.AF_INET, SocketAddresses.inet(arena, InetAddress.getLoopbackAddress(), port), 16));
            assertTrue(e.getMessage().contains("bind"), e.getMessage());
        } finally {
            Posix.close(fd);
        }
    }
}
