package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.Posix;
import io.jgunicorn.container.posix.PosixException;
import io.jgunicorn.container.posix.SocketAddresses;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A listening socket the arbiter owns: bound once, shared by every worker (never SO_REUSEPORT per
 * worker), kept across worker restarts and reloads.
 *
 * @param bind    the bind string as configured ({@code 127.0.0.1:8000}, {@code unix:/path}, {@code fd://3})
 * @param fd      the native file descriptor
 * @param url     how the log shows it: {@code http://127.0.0.1:8000}, {@code unix:/path}
 * @param unixPath the socket file of a Unix socket we created (removed on close), else null
 * @param ours    bound by this server, or handed on by a USR2 from one that bound it: no one else
 *                (systemd, a supervisor passing {@code fd://N}) keeps a copy once we close ours
 */
public record BoundSocket(String bind, int fd, String url, Path unixPath, boolean ours) {

    /** Binds one configured address. */
    public static BoundSocket bind(String bind, int backlog) throws IOException {
        if (bind.startsWith("fd://")) {
            int fd = Integer.parseInt(bind.substring(5));
            return inherited(bind, fd);
        }
        if (bind.startsWith("unix:")) {
            return bindUnix(bind, Path.of(bind.substring(5)), backlog);
        }
        HostPort hp = HostPort.parse(bind);
        InetAddress addr = InetAddress.getByName(hp.host());
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            int family = addr instanceof java.net.Inet6Address ? Posix.AF_INET6 : Posix.AF_INET;
            fd = Posix.listen(family, SocketAddresses.inet(arena, addr, hp.port()), backlog);
        } catch (PosixException e) {
            throw new IOException("cannot bind " + bind + ": " + e.getMessage(), e);
        }
        int port = Posix.boundPort(fd);
        String host = addr instanceof java.net.Inet6Address ? "[" + addr.getHostAddress() + "]" : addr.getHostAddress();
        return new BoundSocket(bind, fd, "http://" + host + ":" + port, null, true);
    }

    private static BoundSocket bindUnix(String bind, Path path, int backlog) throws IOException {
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            var attrs = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isOther()) {
                throw new IOException("cannot bind " + bind + ": " + path + " exists and is not a socket");
            }
            Files.delete(path); // a stale socket left by a previous run
        }
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = Posix.listen(Posix.AF_UNIX, SocketAddresses.unix(arena, path.toString()), backlog);
        } catch (PosixException e) {
            throw new IOException("cannot bind " + bind + ": " + e.getMessage(), e);
        }
        return new BoundSocket(bind, fd, "unix:" + path, path, true);
    }

    /** A socket handed to us already listening ({@code fd://N}, systemd's LISTEN_FDS). */
    public static BoundSocket inherited(String bind, int fd) throws IOException {
        int family = Posix.socketFamily(fd);
        if (family < 0) {
            throw new IOException("cannot use " + bind + ": fd " + fd + " is not a listening socket");
        }
        Posix.setCloseOnExec(fd, true);
        Posix.acceptNewConnections(fd); // a server before us may have stopped on it (see closingForGood)
        java.net.InetSocketAddress a = Posix.boundAddress(fd);
        String url = a == null ? "unix:" + bind
                : "http://" + (a.getAddress() instanceof java.net.Inet6Address
                        ? "[" + a.getAddress().getHostAddress() + "]" : a.getAddress().getHostAddress()) + ":" + a.getPort();
        return new BoundSocket(bind, fd, url, null, false);
    }

    /** The same socket, known to be ours: a USR2 handed it on from the server that bound it. */
    public BoundSocket handedOn() {
        return new BoundSocket(bind, fd, url, unixPath, true);
    }

    /**
     * This server is about to close the socket for good (a graceful stop with no new arbiter to
     * take it over): from now on the kernel ignores new connection attempts on it, so the workers
     * can take every connection already queued before the last copy closes, and none is reset.
     * Only for a TCP socket that is {@link #ours}: one systemd holds must keep queueing for the next
     * start. Returns true when the filter is in place.
     */
    public boolean closingForGood() {
        if (!ours || unixPath != null || Posix.socketFamily(fd) == Posix.AF_UNIX) {
            return false;
        }
        try {
            Posix.ignoreNewConnections(fd);
            return true;
        } catch (PosixException e) {
            org.slf4j.LoggerFactory.getLogger("jgunicorn.arbiter").debug("{}: {}", url, e.getMessage());
            return false;
        }
    }

    /** Closes the arbiter's copy; workers keep theirs. Removes a Unix socket file we created. */
    public void close() {
        Posix.close(fd);
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException ignored) {
                // best effort: the next start removes a stale socket anyway
            }
        }
    }

    /** Restricts a Unix socket file's mode (for the control socket). */
    static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    /** {@code HOST:PORT}, {@code [V6]:PORT}, {@code HOST} (port 8000) as Gunicorn parses them. */
    record HostPort(String host, int port) {
        static HostPort parse(String b) {
            if (b.startsWith("[")) {
                int close = b.indexOf(']');
                String host = b.substring(1, close);
                String rest = b.substring(close + 1);
                return new HostPort(host, rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : 8000);
            }
            int colon = b.lastIndexOf(':');
            if (colon < 0) {
                return new HostPort(b, 8000);
            }
            String host = b.substring(0, colon);
            return new HostPort(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(b.substring(colon + 1)));
        }
    }
}
