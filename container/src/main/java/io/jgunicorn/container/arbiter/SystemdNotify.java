package io.jgunicorn.container.arbiter;

import io.jgunicorn.container.posix.PosixException;
import io.jgunicorn.container.posix.UnixDatagram;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's {@code sd_notify} protocol for a {@code Type=notify} unit: datagrams of
 * {@code KEY=VALUE} lines to the Unix socket named by {@code NOTIFY_SOCKET}. The arbiter says
 * {@code READY=1} once its first workers serve, {@code RELOADING=1} (with {@code MONOTONIC_USEC})
 * at a HUP and {@code READY=1} when the new generation has rolled in, {@code STOPPING=1} at a
 * stop, {@code MAINPID=} when a USR2 upgrade takes over (and, from the old arbiter, the new
 * arbiter's pid as it leaves), and {@code STATUS=} with the worker count whenever it changes.
 * Without {@code NOTIFY_SOCKET} every call does nothing. Workers never get the variable.
 */
final class SystemdNotify implements AutoCloseable {

    static final String ENV = "NOTIFY_SOCKET";
    private static final Logger log = LoggerFactory.getLogger("jgunicorn.arbiter");

    private final UnixDatagram socket;
    private String lastStatus;

    private SystemdNotify(UnixDatagram socket) {
        this.socket = socket;
    }

    static SystemdNotify fromEnvironment(String notifySocket) {
        if (notifySocket == null || notifySocket.isBlank()) {
            return new SystemdNotify(null);
        }
        try {
            return new SystemdNotify(UnixDatagram.connect(notifySocket, 4096));
        } catch (PosixException | IllegalArgumentException e) {
            log.warn("{} is set but cannot be used: {}", ENV, e.getMessage());
            return new SystemdNotify(null);
        }
    }

    /** The first workers serve, or a reload has rolled in (or failed, leaving the old workers). */
    void ready(String status) {
        lastStatus = status;
        send("READY=1\nSTATUS=" + status);
    }

    void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000 + "\nSTATUS=Reloading");
    }

    /** A stop; when a USR2 upgrade's arbiter is running it becomes the main process instead. */
    void stopping(long newArbiterPid) {
        if (newArbiterPid != 0) {
            send("MAINPID=" + newArbiterPid + "\nSTATUS=Handing over to the new arbiter (pid " + newArbiterPid + ")");
        } else {
            send("STOPPING=1\nSTATUS=Stopping");
        }
    }

    /** This arbiter, started by USR2, has taken over from the old one. */
    void tookOver(String status) {
        lastStatus = status;
        send("MAINPID=" + ProcessHandle.current().pid() + "\nREADY=1\nSTATUS=" + status);
    }

    /** STATUS=, only when it changed. */
    void status(String status) {
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            send("STATUS=" + status);
        }
    }

    /** The STATUS= text for a worker count. */
    static String workers(long ready, int wanted) {
        return "Serving with " + ready + " of " + wanted + " worker" + (wanted == 1 ? "" : "s") + " ready";
    }

    private void send(String message) {
        if (socket != null && !socket.send(message.getBytes(StandardCharsets.UTF_8))) {
            log.debug("sd_notify datagram dropped: {}", message.replace('\n', ' '));
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
