package io.jgunicorn.container.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts a child process with {@code posix_spawn}: the given fds are dup2'ed onto 0, 3, 4, ...,
 * every other inherited fd above 2 is closed ({@code closefrom}: most JVM fds are not
 * close-on-exec), all signals are reset to their default action and the mask is emptied.
 * stdout and stderr are shared with the caller, for logs.
 */
public final class Spawner {

    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int POSIX_SPAWN_SETSID = 0x80;
    // glibc's opaque structs are 80 (file actions) and 336 (attr) bytes; leave room to spare
    private static final long FILE_ACTIONS_SIZE = 256;
    private static final long ATTR_SIZE = 1024;
    private static final long SIGSET_SIZE = 128;

    private static final MethodHandle SPAWN = Posix.fn("posix_spawn", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle FA_INIT = Posix.fn("posix_spawn_file_actions_init", JAVA_INT, ADDRESS);
    private static final MethodHandle FA_DESTROY = Posix.fn("posix_spawn_file_actions_destroy", JAVA_INT, ADDRESS);
    private static final MethodHandle FA_DUP2 = Posix.fn("posix_spawn_file_actions_adddup2", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle FA_CLOSEFROM = Posix.fn("posix_spawn_file_actions_addclosefrom_np", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle FA_OPEN = Posix.fn("posix_spawn_file_actions_addopen", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle FA_CHDIR = Posix.fn("posix_spawn_file_actions_addchdir_np", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle ATTR_INIT = Posix.fn("posix_spawnattr_init", JAVA_INT, ADDRESS);
    private static final MethodHandle ATTR_DESTROY = Posix.fn("posix_spawnattr_destroy", JAVA_INT, ADDRESS);
    private static final MethodHandle ATTR_SETFLAGS = Posix.fn("posix_spawnattr_setflags", JAVA_INT, ADDRESS, JAVA_SHORT);
    private static final MethodHandle ATTR_SETSIGDEFAULT = Posix.fn("posix_spawnattr_setsigdefault", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle ATTR_SETSIGMASK = Posix.fn("posix_spawnattr_setsigmask", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SIGFILLSET = Posix.fn("sigfillset", JAVA_INT, ADDRESS);
    private static final MethodHandle SIGEMPTYSET = Posix.fn("sigemptyset", JAVA_INT, ADDRESS);

    private Spawner() {}

    /**
     * How to start the child.
     *
     * @param inheritFds fds to pass, placed from {@code firstFd} on (a worker's first socket goes to
     *                   fd 0 and the rest to 3, 4, ...; a new arbiter's go to 3, 4, ...)
     * @param firstFd    0 or 3
     * @param dir        working directory of the child, or null to keep the caller's
     * @param setsid     start a new session (daemon)
     * @param nullStdio  point stdin, stdout and stderr at /dev/null (daemon)
     */
    public record Options(List<Integer> inheritFds, int firstFd, Path dir, boolean setsid, boolean nullStdio) {
        public Options {
            inheritFds = List.copyOf(inheritFds);
        }

        public static Options worker(List<Integer> fds, Path dir) {
            return new Options(fds, 0, dir, false, false);
        }
    }

    /** Spawns a worker-style child: see {@link Options#worker}. */
    public static long spawn(List<String> argv, Map<String, String> env, List<Integer> inheritFds, Path dir)
            throws PosixException {
        return spawn(argv, env, Options.worker(inheritFds, dir));
    }

    /**
     * Spawns {@code argv[0]} (an absolute path).
     *
     * @return the child's pid
     */
    public static long spawn(List<String> argv, Map<String, String> env, Options opts) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fa = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
            check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(fa));
            check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
            try {
                addFileActions(arena, fa, opts);
                MemorySegment all = arena.allocate(SIGSET_SIZE, 8);
                MemorySegment none = arena.allocate(SIGSET_SIZE, 8);
                check("sigfillset", (int) SIGFILLSET.invokeExact(all));
                check("sigemptyset", (int) SIGEMPTYSET.invokeExact(none));
                check("posix_spawnattr_setsigdefault", (int) ATTR_SETSIGDEFAULT.invokeExact(attr, all));
                check("posix_spawnattr_setsigmask", (int) ATTR_SETSIGMASK.invokeExact(attr, none));
                int flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | (opts.setsid() ? POSIX_SPAWN_SETSID : 0);
                check("posix_spawnattr_setflags", (int) ATTR_SETFLAGS.invokeExact(attr, (short) flags));
                MemorySegment pid = arena.allocate(JAVA_INT);
                MemorySegment path = arena.allocateFrom(argv.getFirst());
                int rc = (int) SPAWN.invokeExact(pid, path, fa, attr, cStrings(arena, argv), cStrings(arena, envList(env)));
                check("posix_spawn " + argv.getFirst(), rc);
                return pid.get(JAVA_INT, 0);
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(fa);
                ignored = (int) ATTR_DESTROY.invokeExact(attr);
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void addFileActions(Arena arena, MemorySegment fa, Options opts) throws Throwable {
        List<Integer> fds = opts.inheritFds();
        // Move every source fd out of the way first (above all of them), so no source is overwritten
        // by an earlier target.
        int scratch = Math.max(100, fds.stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
        for (int i = 0; i < fds.size(); i++) {
            check("adddup2", (int) FA_DUP2.invokeExact(fa, (int) fds.get(i), scratch + i));
        }
        int next = opts.firstFd();
        for (int i = 0; i < fds.size(); i++) {
            check("adddup2", (int) FA_DUP2.invokeExact(fa, scratch + i, next));
            next = next == 0 ? 3 : next + 1;
        }
        check("addclosefrom_np", (int) FA_CLOSEFROM.invokeExact(fa, Math.max(3, next)));
        if (opts.nullStdio()) {
            final int oRdwr = 2;
            MemorySegment devNull = arena.allocateFrom("/dev/null");
            for (int fd = 0; fd <= 2; fd++) {
                if (fd == 0 && opts.firstFd() == 0 && !fds.isEmpty()) {
                    continue;
                }
                check("addopen", (int) FA_OPEN.invokeExact(fa, fd, devNull, oRdwr, 0));
            }
        }
        if (opts.dir() != null) {
            check("addchdir_np", (int) FA_CHDIR.invokeExact(fa, arena.allocateFrom(opts.dir().toString())));
        }
    }

    private static List<String> envList(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static MemorySegment cStrings(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(String call, int rc) throws PosixException {
        if (rc != 0) {
            throw new PosixException(call, rc, Posix.strerror(rc));
        }
    }
}
