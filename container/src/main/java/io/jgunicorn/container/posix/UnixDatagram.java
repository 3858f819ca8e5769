package io.jgunicorn.container.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A connected Unix datagram socket that only sends, never blocking (the JDK's DatagramChannel
 * has no AF_UNIX). Used for StatsD agents listening on a Unix socket, as Gunicorn allows, and for
 * systemd's {@code NOTIFY_SOCKET}.
 */
public final class UnixDatagram implements AutoCloseable {

    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final MethodHandle SOCKET = Posix.errnoFn("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CONNECT = Posix.errnoFn("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SEND = Posix.fn("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private boolean closed;

    private UnixDatagram(int fd, int bufferSize) {
        this.fd = fd;
        this.buffer = arena.allocate(bufferSize);
    }

    /** Opens a datagram socket connected to the socket at {@code path} ({@code @name}: abstract namespace). */
    public static UnixDatagram connect(String path, int maxDatagram) throws PosixException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Posix.callState(a);
            int fd = (int) SOCKET.invokeExact(st, Posix.AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Posix.fail("socket", st);
            }
            MemorySegment sa = SocketAddresses.unixOrAbstract(a, path);
            if ((int) CONNECT.invokeExact(st, fd, sa, (int) sa.byteSize()) < 0) {
                PosixException e = Posix.fail("connect(" + path + ")", st);
                Posix.close(fd);
                throw e;
            }
            return new UnixDatagram(fd, maxDatagram);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Sends one datagram; false when it was dropped (receiver full or gone). Callers serialize. */
    public synchronized boolean send(byte[] data) {
        if (closed || data.length > buffer.byteSize()) {
            return false;
        }
        MemorySegment.copy(data, 0, buffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, data.length);
        try {
            return (long) SEND.invokeExact(fd, buffer, (long) data.length, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0;
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Posix.close(fd);
        arena.close();
    }
}
