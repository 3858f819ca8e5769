package io.jgunicorn.container.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** The SYN-ignoring socket filter a stopping server puts on a listener it is about to close. */
class IgnoreNewConnectionsTest {

    @Test
    void aFilteredListenerIgnoresNewConnectionsButKeepsTheQueuedOnes() throws Throwable {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = Posix.listen(Posix.AF_INET, SocketAddresses.inet(arena, InetAddress.getLoopbackAddress(), 0), 16);
        }
        try {
            int port = Posix.boundPort(fd);
            try (Socket queued = new Socket()) {
                queued.connect(new InetSocketAddress("127.0.0.1", port), 2_000); // completed before the filter
                Posix.ignoreNewConnections(fd);
                try (Socket late = new Socket()) {
                    assertThrows(SocketTimeoutException.class,
                            () -> late.connect(new InetSocketAddress("127.0.0.1", port), 300),
                            "a SYN after the filter gets no answer");
                }
                queued.getOutputStream().write("hi".getBytes());
                // the queued connection is still there to accept, with its bytes
                int served = (int) ACCEPT.invokeExact(fd, MemorySegment.NULL, MemorySegment.NULL);
                assertTrue(served >= 0, "accept() of the queued connection");
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment buf = arena.allocate(2);
                    long got = 0;
                    while (got < 2) {
                        long n = (long) READ.invokeExact(served, buf.asSlice(got), 2 - got);
                        assertTrue(n > 0, "read() of the queued connection's bytes");
                        got += n;
                    }
                    assertArrayEquals("hi".getBytes(), buf.toArray(ValueLayout.JAVA_BYTE));
                } finally {
                    Posix.close(served);
                }
            }
            assertTrue(Posix.acceptNewConnections(fd), "the filter comes off again");
            try (Socket again = new Socket()) {
                again.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        } finally {
            Posix.close(fd);
        }
    }

    private static final Linker C = Linker.nativeLinker();
    private static final MethodHandle ACCEPT = C.downcallHandle(C.defaultLookup().findOrThrow("accept"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle READ = C.downcallHandle(C.defaultLookup().findOrThrow("read"),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
}
