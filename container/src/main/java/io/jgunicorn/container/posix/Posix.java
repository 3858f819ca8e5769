package io.jgunicorn.container.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the arbiter needs and the JDK does not offer, through the FFM API (Linux,
 * glibc): native listening sockets (so the fd can be handed to workers), {@code posix_spawn} with
 * file actions, {@code waitpid} for one pid, {@code kill}, and resetting signal dispositions.
 */
public final class Posix {

    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_STREAM = 1;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    public static final int WNOHANG = 1;

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGABRT = 6, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12,
            SIGTERM = 15, SIGCHLD = 17, SIGTTIN = 21, SIGTTOU = 22, SIGWINCH = 28;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = errnoFn("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SETSOCKOPT = errnoFn("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle BIND = errnoFn("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle LISTEN = errnoFn("listen", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle GETSOCKNAME = errnoFn("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle CLOSE = fn("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle FCNTL = errnoFn("fcntl", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle KILL = errnoFn("kill", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle WAITPID = errnoFn("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SIGNAL = fn("signal", ADDRESS, JAVA_INT, ADDRESS);
    private static final MethodHandle GETSOCKOPT = errnoFn("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle STRERROR = fn("strerror", ADDRESS, JAVA_INT);
    private static final MethodHandle DUP2 = errnoFn("dup2", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle OPEN = errnoFn("open", JAVA_INT, ADDRESS, JAVA_INT);

    private Posix() {}

    static MethodHandle fn(String name, MemoryLayout ret, MemoryLayout... args) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), FunctionDescriptor.of(ret, args));
    }

    static MethodHandle errnoFn(String name, MemoryLayout ret, MemoryLayout... args) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), FunctionDescriptor.of(ret, args),
                Linker.Option.captureCallState("errno"));
    }

    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** The C library's message for an errno value. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static PosixException fail(String call, MemorySegment state) {
        int e = errno(state);
        return new PosixException(call, e, strerror(e));
    }

    /**
     * Creates a listening stream socket bound to {@code sockaddr} (see {@link SocketAddresses}).
     * The socket is close-on-exec in the arbiter; spawning dup2s it onto a worker's fd 0.
     */
    public static int listen(int family, MemorySegment sockaddr, int backlog) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            int fd = (int) SOCKET.invokeExact(st, family, SOCK_STREAM, 0);
            if (fd < 0) {
                throw fail("socket", st);
            }
            try {
                MemorySegment one = arena.allocateFrom(JAVA_INT, 1);
                if (family != AF_UNIX && (int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_REUSEADDR, one, 4) < 0) {
                    throw fail("setsockopt(SO_REUSEADDR)", st);
                }
                if (family == AF_INET6 && (int) SETSOCKOPT.invokeExact(st, fd, IPPROTO_IPV6, IPV6_V6ONLY, one, 4) < 0) {
                    throw fail("setsockopt(IPV6_V6ONLY)", st);
                }
                if ((int) BIND.invokeExact(st, fd, sockaddr, (int) sockaddr.byteSize()) < 0) {
                    throw fail("bind", st);
                }
                if ((int) LISTEN.invokeExact(st, fd, backlog) < 0) {
                    throw fail("listen", st);
                }
                setCloseOnExec(fd, true);
                return fd;
            } catch (PosixException e) {
                close(fd);
                throw e;
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The bound port of a TCP socket (for {@code -b HOST:0}). */
    public static int boundPort(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            MemorySegment addr = arena.allocate(128);
            MemorySegment len = arena.allocateFrom(JAVA_INT, 128);
            if ((int) GETSOCKNAME.invokeExact(st, fd, addr, len) < 0) {
                throw fail("getsockname", st);
            }
            short port = addr.get(JAVA_SHORT, 2);
            return Short.toUnsignedInt(Short.reverseBytes(port));
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The local address of a TCP socket, or null for other families. */
    public static java.net.InetSocketAddress boundAddress(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            MemorySegment addr = arena.allocate(128);
            MemorySegment len = arena.allocateFrom(JAVA_INT, 128);
            if ((int) GETSOCKNAME.invokeExact(st, fd, addr, len) < 0) {
                throw fail("getsockname", st);
            }
            int family = Short.toUnsignedInt(addr.get(JAVA_SHORT, 0));
            int port = Short.toUnsignedInt(Short.reverseBytes(addr.get(JAVA_SHORT, 2)));
            byte[] ip;
            if (family == AF_INET) {
                ip = addr.asSlice(4, 4).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            } else if (family == AF_INET6) {
                ip = addr.asSlice(8, 16).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            } else {
                return null;
            }
            return new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(ip), port);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The address family of an open socket fd, or -1 if it is not a listening stream socket. */
    public static int socketFamily(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            MemorySegment addr = arena.allocate(128);
            MemorySegment len = arena.allocateFrom(JAVA_INT, 128);
            if ((int) GETSOCKNAME.invokeExact(st, fd, addr, len) < 0) {
                return -1;
            }
            MemorySegment val = arena.allocate(JAVA_INT);
            MemorySegment vlen = arena.allocateFrom(JAVA_INT, 4);
            final int soAcceptConn = 30;
            if ((int) GETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, soAcceptConn, val, vlen) < 0 || val.get(JAVA_INT, 0) == 0) {
                return -1;
            }
            return Short.toUnsignedInt(addr.get(JAVA_SHORT, 0));
        } catch (Throwable t) {
            return -1;
        }
    }

    public static void setCloseOnExec(int fd, boolean on) throws PosixException {
        final int fGetfd = 1, fSetfd = 2, fdCloexec = 1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            int flags = (int) FCNTL.invokeExact(st, fd, fGetfd, 0);
            if (flags < 0) {
                throw fail("fcntl(F_GETFD)", st);
            }
            int want = on ? flags | fdCloexec : flags & ~fdCloexec;
            if ((int) FCNTL.invokeExact(st, fd, fSetfd, want) < 0) {
                throw fail("fcntl(F_SETFD)", st);
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static final int SO_ATTACH_FILTER = 26, SO_DETACH_FILTER = 27;

    /**
     * Makes a listening TCP socket ignore new connection attempts (SYN segments) while handshakes
     * already under way still complete and wait in its queue. It applies to the socket, so to every
     * process holding it: a server that is about to close its last copy takes what is queued and
     * then closes without resetting a connection the kernel completed meanwhile. A client whose SYN
     * was ignored retries it (after about a second) and is then refused or reaches a new server.
     *
     * <p>The filter is classic BPF (a socket filter sees the TCP header at offset 0):
     * {@code ldb [13]; jset #0x02, drop, keep; keep: ret #-1; drop: ret #0}.
     */
    public static void ignoreNewConnections(int fd) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            MemorySegment prog = arena.allocate(8 * 4, 8); // struct sock_filter[4]
            instruction(prog, 0, 0x30, 0, 0, 13);          // BPF_LD | BPF_B | BPF_ABS: the TCP flags byte
            instruction(prog, 1, 0x45, 1, 0, 0x02);        // BPF_JMP | BPF_JSET | BPF_K: SYN set? to drop
            instruction(prog, 2, 0x06, 0, 0, -1);          // BPF_RET | BPF_K: keep the whole segment
            instruction(prog, 3, 0x06, 0, 0, 0);           // BPF_RET | BPF_K: drop it
            MemorySegment fprog = arena.allocate(16, 8);    // struct sock_fprog { u16 len; sock_filter *filter; }
            fprog.set(JAVA_SHORT, 0, (short) 4);
            fprog.set(ADDRESS, 8, prog);
            if ((int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, 16) < 0) {
                throw fail("setsockopt(SO_ATTACH_FILTER)", st);
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Removes a filter {@link #ignoreNewConnections} left on a socket; false when it had none. */
    public static boolean acceptNewConnections(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            MemorySegment zero = arena.allocateFrom(JAVA_INT, 0);
            return (int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_DETACH_FILTER, zero, 4) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void instruction(MemorySegment prog, int index, int code, int jt, int jf, int k) {
        long at = index * 8L;
        prog.set(JAVA_SHORT, at, (short) code);
        prog.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at + 2, (byte) jt);
        prog.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at + 3, (byte) jf);
        prog.set(JAVA_INT, at + 4, k);
    }

    /** {@code dup2(from, to)}. */
    public static void dup2(int from, int to) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            if ((int) DUP2.invokeExact(st, from, to) < 0) {
                throw fail("dup2", st);
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Points {@code fd} at /dev/null (so a worker's fd 0 never reads anything). */
    public static void toDevNull(int fd) throws PosixException {
        final int oRdwr = 2;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            int nul = (int) OPEN.invokeExact(st, arena.allocateFrom("/dev/null"), oRdwr);
            if (nul < 0) {
                throw fail("open(/dev/null)", st);
            }
            dup2(nul, fd);
            close(nul);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Sends a signal; returns false if the process does not exist (ESRCH). */
    public static boolean kill(long pid, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            return (int) KILL.invokeExact(st, (int) pid, signal) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Reaps one child without blocking. Returns null while it runs, else its wait status decoded.
     * Only ever for a pid we spawned: {@code waitpid(-1)} would steal the JVM's own children.
     */
    public static ExitStatus reap(long pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = callState(arena);
            MemorySegment status = arena.allocate(JAVA_INT);
            int r = (int) WAITPID.invokeExact(st, (int) pid, status, WNOHANG);
            if (r == 0) {
                return null;
            }
            if (r < 0) {
                return new ExitStatus(-1, 0); // ECHILD: already reaped or not ours
            }
            int s = status.get(JAVA_INT, 0);
            int termsig = s & 0x7f;
            return termsig == 0 ? new ExitStatus((s >> 8) & 0xff, 0) : new ExitStatus(-1, termsig);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** How a child ended: an exit code, or the signal that killed it (then code is -1). */
    public record ExitStatus(int code, int signal) {
        public boolean signaled() {
            return signal != 0;
        }

        @Override
        public String toString() {
            return signaled() ? "signal " + signal : "exit code " + code;
        }
    }

    /**
     * Resets a signal to its default action. A signal ignored when the JVM started (nohup, a
     * background job in a script) can be registered with sun.misc.Signal yet never fires.
     */
    public static void resetToDefault(int signal) {
        try {
            MemorySegment ignored = (MemorySegment) SIGNAL.invokeExact(signal, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
