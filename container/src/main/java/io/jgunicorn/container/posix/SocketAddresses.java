package io.jgunicorn.container.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Builds C {@code sockaddr_in}, {@code sockaddr_in6} and {@code sockaddr_un} structs. */
public final class SocketAddresses {

    private SocketAddresses() {}

    public static MemorySegment inet(Arena arena, InetAddress address, int port) {
        if (address instanceof Inet4Address v4) {
            MemorySegment sa = arena.allocate(16);
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) Posix.AF_INET);
            sa.set(ValueLayout.JAVA_SHORT, 2, Short.reverseBytes((short) port));
            MemorySegment.copy(v4.getAddress(), 0, sa, ValueLayout.JAVA_BYTE, 4, 4);
            return sa;
        }
        Inet6Address v6 = (Inet6Address) address;
        MemorySegment sa = arena.allocate(28);
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) Posix.AF_INET6);
        sa.set(ValueLayout.JAVA_SHORT, 2, Short.reverseBytes((short) port));
        MemorySegment.copy(v6.getAddress(), 0, sa, ValueLayout.JAVA_BYTE, 8, 16);
        sa.set(ValueLayout.JAVA_INT_UNALIGNED, 24, v6.getScopeId());
        return sa;
    }

    /**
     * A Unix socket address, or with a leading {@code @} one in Linux's abstract namespace (as
     * systemd's {@code NOTIFY_SOCKET} may be): {@code sun_path} starts with a NUL and the address is
     * exactly as long as the name.
     */
    public static MemorySegment unixOrAbstract(Arena arena, String path) {
        if (!path.startsWith("@")) {
            return unix(arena, path);
        }
        byte[] p = path.substring(1).getBytes(StandardCharsets.UTF_8);
        if (p.length > 106) {
            throw new IllegalArgumentException("abstract unix socket name too long (max 106 bytes): " + path);
        }
        MemorySegment sa = arena.allocate(3 + p.length);
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) Posix.AF_UNIX);
        MemorySegment.copy(p, 0, sa, ValueLayout.JAVA_BYTE, 3, p.length);
        return sa;
    }

    public static MemorySegment unix(Arena arena, String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (p.length > 107) {
            throw new IllegalArgumentException("unix socket path too long (max 107 bytes): " + path);
        }
        MemorySegment sa = arena.allocate(110);
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) Posix.AF_UNIX);
        MemorySegment.copy(p, 0, sa, ValueLayout.JAVA_BYTE, 2, p.length);
        return sa;
    }
}
