package io.jgunicorn.container.worker;

import io.jgunicorn.container.posix.Posix;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The listening sockets a worker inherits from the arbiter: the first on fd 0, the others on fds
 * 3, 4, ... The JDK can only wrap fd 0 ({@link System#inheritedChannel()}), and it wraps a dup of
 * it; so each further socket is dup2'ed onto fd 0 and wrapped the same way (this needs
 * {@code --add-opens java.base/sun.nio.ch}, which the arbiter passes when there are several).
 * Afterwards fd 0 points at /dev/null: a worker never reads stdin.
 */
final class InheritedListeners {

    private InheritedListeners() {}

    static List<ServerSocketChannel> take(int count) throws IOException {
        List<ServerSocketChannel> out = new ArrayList<>();
        out.add(asServerChannel(System.inheritedChannel(), 0));
        for (int i = 1; i < count; i++) {
            int fd = 2 + i;
            Posix.dup2(fd, 0);
            Posix.close(fd);
            out.add(asServerChannel(createAgain(), fd));
        }
        Posix.toDevNull(0);
        return out;
    }

    /**
     * Drops this process's reference to a listening socket; the other workers (and a new arbiter)
     * keep theirs. The channel must no longer be registered with a selector. An inherited channel
     * is not closed: the JDK's close of it also points fds 0, 1 and 2 at /dev/null, which would
     * silence the worker's log; its fd is pointed at /dev/null instead, so the socket is released
     * and the fd number stays taken until the JVM exits.
     */
    static void release(ServerSocketChannel l) throws IOException {
        if (!l.getClass().getName().contains("Inherited")) {
            l.close(); // a listener of our own (tests): closing it is all there is to do
            return;
        }
        try {
            Method fdVal = Class.forName("sun.nio.ch.SelChImpl").getDeclaredMethod("getFDVal");
            fdVal.setAccessible(true);
            Posix.toDevNull((int) fdVal.invoke(l));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot release an inherited listener (the worker JVM needs "
                    + "--add-opens java.base/sun.nio.ch=ALL-UNNAMED): " + e, e);
        }
    }

    private static Channel createAgain() throws IOException {
        try {
            Method m = Class.forName("sun.nio.ch.InheritedChannel").getDeclaredMethod("createChannel");
            m.setAccessible(true);
            return (Channel) m.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot take the extra listening sockets (the worker JVM needs "
                    + "--add-opens java.base/sun.nio.ch=ALL-UNNAMED): " + e, e);
        }
    }

    private static ServerSocketChannel asServerChannel(Channel ch, int fd) throws IOException {
        if (ch instanceof ServerSocketChannel ssc) {
            return ssc;
        }
        throw new IOException("fd " + fd + " is not a listening socket (got " + ch + "); workers are started by the arbiter");
    }
}
