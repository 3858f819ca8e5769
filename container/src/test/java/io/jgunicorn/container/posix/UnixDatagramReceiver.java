package io.jgunicorn.container.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A test StatsD agent on a Unix datagram socket (the JDK cannot bind one). */
public final class UnixDatagramReceiver implements AutoCloseable {

    private static final MethodHandle SOCKET = Posix.errnoFn("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = Posix.errnoFn("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle RECV = Posix.fn("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final int SOCK_DGRAM = 2;
    private static final int MSG_DONTWAIT = 0x40;

    private final int fd;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(65536);

    public UnixDatagramReceiver(Path path) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Posix.callState(a);
            fd = (int) SOCKET.invokeExact(st, Posix.AF_UNIX, SOCK_DGRAM, 0);
            if (fd < 0) {
                throw Posix.fail("socket", st);
            }
            MemorySegment sa = SocketAddresses.unix(a, path.toString());
            if ((int) BIND.invokeExact(st, fd, sa, (int) sa.byteSize()) < 0) {
                throw Posix.fail("bind", st);
            }
        }
    }

    /** The next datagram, polling until the deadline; null when none came. */
    public String receive(long timeoutMillis) throws Throwable {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            long n = (long) RECV.invokeExact(fd, buffer, buffer.byteSize(), MSG_DONTWAIT);
            if (n >= 0) {
                return new String(buffer.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8);
            }
            Thread.sleep(5); // polling interval of a non-blocking socket, not synchronisation
        }
        return null;
    }

    @Override
    public void close() {
        Posix.close(fd);
        arena.close();
    }
}
