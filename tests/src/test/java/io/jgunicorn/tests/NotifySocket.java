package io.jgunicorn.tests;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** systemd's side of sd_notify, for tests: a Unix datagram socket (the JDK cannot bind one) that collects messages. */
final class NotifySocket implements AutoCloseable {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = fn("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = fn("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle RECV = fn("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle CLOSE = fn("close", JAVA_INT, JAVA_INT);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int MSG_DONTWAIT = 0x40;

    final Path path;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(65536);
    private final List<String> messages = new ArrayList<>();

    NotifySocket(Path path) throws Throwable {
        this.path = path;
        fd = (int) SOCKET.invokeExact(AF_UNIX, SOCK_DGRAM, 0);
        MemorySegment sa = arena.allocate(110);
        sa.set(JAVA_SHORT, 0, (short) AF_UNIX);
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(p, 0, sa, JAVA_BYTE, 2, p.length);
        if (fd < 0 || (int) BIND.invokeExact(fd, sa, 110) < 0) {
            throw new IllegalStateException("cannot bind a datagram socket at " + path);
        }
    }

    private static MethodHandle fn(String name, java.lang.foreign.MemoryLayout ret, java.lang.foreign.MemoryLayout... args) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), FunctionDescriptor.of(ret, args));
    }

    /** Every message received so far (each a datagram of KEY=VALUE lines). */
    synchronized List<String> messages() {
        try {
            for (long n; (n = (long) RECV.invokeExact(fd, buffer, buffer.byteSize(), MSG_DONTWAIT)) >= 0; ) {
                messages.add(new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8));
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return List.copyOf(messages);
    }

    /** Waits for a message containing {@code line} (e.g. READY=1) after the first {@code skip} messages; returns its index. */
    int await(String line, int skip, Duration timeout) {
        int[] found = {-1};
        Jgunicorn.await("sd_notify '" + line + "' after message " + skip, timeout, () -> {
            List<String> m = messages();
            for (int i = skip; i < m.size(); i++) {
                if (m.get(i).lines().anyMatch(line::equals)) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        arena.close();
    }
}
