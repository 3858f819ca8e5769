package io.jgunicorn.container.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Linux {@code TCP_INFO} of a listening socket, where {@code tcpi_unacked} is the number of
 * connections waiting in the accept queue (what Gunicorn's {@code gunicorn.backlog} reports).
 */
public final class TcpInfo {

    private static final int IPPROTO_TCP = 6;
    private static final int TCP_INFO = 11;
    /** Offset of {@code tcpi_unacked} in {@code struct tcp_info}: eight u8 fields, then rto, ato, snd_mss, rcv_mss. */
    private static final int UNACKED = 24;
    private static final int SIZE = 104;
    private static final MethodHandle GETSOCKOPT =
            Posix.fn("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);

    private TcpInfo() {}

    /** Connections waiting to be accepted on a listening TCP socket, or -1 (not TCP, not Linux). */
    public static int acceptQueue(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIZE);
            MemorySegment len = arena.allocateFrom(JAVA_INT, SIZE);
            if ((int) GETSOCKOPT.invokeExact(fd, IPPROTO_TCP, TCP_INFO, info, len) < 0
                    || len.get(JAVA_INT, 0) < UNACKED + 4) {
                return -1;
            }
            return info.get(JAVA_INT, UNACKED);
        } catch (Throwable t) {
            return -1;
        }
    }
}
