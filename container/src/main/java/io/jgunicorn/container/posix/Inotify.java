package io.jgunicorn.container.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux inotify through the FFM API: what happened to the entries of a few directories, as the
 * kernel reports it. The JDK's {@code WatchService} folds "moved in" and "created" into one kind
 * and never reports "closed after writing"; those two are exactly what tell a file that arrived
 * whole (a rename into the directory, or the writer closing it) from one still being written.
 * {@link #read} blocks: one thread owns an instance.
 */
public final class Inotify implements AutoCloseable {

    public static final int IN_MODIFY = 0x2, IN_CLOSE_WRITE = 0x8, IN_MOVED_FROM = 0x40, IN_MOVED_TO = 0x80,
            IN_CREATE = 0x100, IN_DELETE = 0x200, IN_DELETE_SELF = 0x400, IN_MOVE_SELF = 0x800,
            IN_Q_OVERFLOW = 0x4000, IN_IGNORED = 0x8000, IN_ISDIR = 0x40000000;
    private static final int IN_CLOEXEC = 0x80000;
    private static final int EINTR = 4;

    private static final MethodHandle INIT1 = Posix.errnoFn("inotify_init1", JAVA_INT, JAVA_INT);
    private static final MethodHandle ADD_WATCH = Posix.errnoFn("inotify_add_watch", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle READ = Posix.errnoFn("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);

    /** One event: the watch it belongs to, the kernel's mask, the entry's name (empty for the directory itself). */
    public record Event(int watch, int mask, String name) {
        public boolean is(int bits) {
            return (mask & bits) != 0;
        }
    }

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(64 * 1024, 8);

    private Inotify(int fd) {
        this.fd = fd;
    }

    /** A new inotify instance (close-on-exec: workers never inherit it). */
    public static Inotify open() throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Posix.callState(a);
            int fd = (int) INIT1.invokeExact(st, IN_CLOEXEC);
            if (fd < 0) {
                throw Posix.fail("inotify_init1", st);
            }
            return new Inotify(fd);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Watches {@code dir} for the events in {@code mask}; returns the watch descriptor events carry. */
    public int watch(Path dir, int mask) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Posix.callState(a);
            int wd = (int) ADD_WATCH.invokeExact(st, fd, a.allocateFrom(dir.toString()), mask);
            if (wd < 0) {
                throw Posix.fail("inotify_add_watch " + dir, st);
            }
            return wd;
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Blocks until the kernel has events, and returns them in order. */
    public List<Event> read() throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Posix.callState(a);
            long n;
            do {
                n = (long) READ.invokeExact(st, fd, buffer, buffer.byteSize());
            } while (n < 0 && Posix.errno(st) == EINTR);
            if (n < 0) {
                throw Posix.fail("read (inotify)", st);
            }
            List<Event> out = new ArrayList<>();
            long off = 0;
            while (off + 16 <= n) { // struct inotify_event { int wd; uint32 mask, cookie, len; char name[len]; }
                int wd = buffer.get(JAVA_INT, off);
                int mask = buffer.get(JAVA_INT, off + 4);
                int len = buffer.get(JAVA_INT, off + 12);
                String name = "";
                if (len > 0) {
                    byte[] raw = buffer.asSlice(off + 16, len).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                    int end = 0;
                    while (end < raw.length && raw[end] != 0) {
                        end++;
                    }
                    name = new String(raw, 0, end, StandardCharsets.UTF_8);
                }
                out.add(new Event(wd, mask, name));
                off += 16 + len;
            }
            return out;
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Closes the descriptor. A thread blocked in {@link #read} is not woken by this on Linux: its
     * owner is a daemon thread, which ends with the process.
     */
    @Override
    public void close() {
        Posix.close(fd);
    }
}
