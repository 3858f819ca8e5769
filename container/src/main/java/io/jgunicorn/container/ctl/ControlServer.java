package io.jgunicorn.container.ctl;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Predicate;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arbiter's control socket (Gunicorn 25's {@code gunicornc}): a Unix socket, mode 0600, one
 * request per connection. The request is a JSON array of words ({@code ["show","workers"]}); the
 * answer one JSON object: {@code {"ok":true,"result":...}} or {@code {"ok":false,"error":"..."}}.
 * Requests are executed by the arbiter's own loop; this thread only carries bytes.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.control");
    /**
     * Made at the first request: Jackson's databind is about 400 classes, 4 MiB of the arbiter's
     * memory that a server nobody asks through its control socket need not hold.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final int MAX_REQUEST = 4096;

    private final Path path;
    private final ServerSocketChannel server;
    /** Hands a request to the arbiter's loop; false when it is too busy to take more. */
    private final Predicate<ControlRequest> events;
    private final Thread thread;

    private ControlServer(Path path, ServerSocketChannel server, Predicate<ControlRequest> events) {
        this.path = path;
        this.server = server;
        this.events = events;
        this.thread = Thread.ofPlatform().name("jgunicorn-control").daemon().unstarted(this::serve);
    }

    public static ControlServer open(Path path, Predicate<ControlRequest> events) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (probe(path)) {
                throw new IOException("control socket " + path + " is in use by another jgunicorn");
            }
            Files.delete(path); // stale, from a server that did not exit cleanly
        }
        // bind under a temporary name, restrict it, then move it into place: the socket is never
        // reachable at its real path with the default (umask) permissions
        Path tmp = path.resolveSibling(path.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(tmp));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        ControlServer cs = new ControlServer(path, ch, events);
        cs.thread.start();
        return cs;
    }

    private static boolean probe(Path path) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return c.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    Path path() {
        return path;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                answer(c);
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("control socket: {}", e.getMessage());
                }
            }
        }
    }

    private void answer(SocketChannel c) throws IOException {
        InputStream in = Channels.newInputStream(c);
        OutputStream out = Channels.newOutputStream(c);
        Map<String, Object> reply;
        try {
            byte[] line = readLine(in);
            List<String> words = Json.MAPPER.readerForListOf(String.class).readValue(line);
            CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
            if (!events.test(new ControlRequest(words, answer))) {
                reply = Map.of("ok", false, "error", "the arbiter is busy; try again");
            } else {
                reply = answer.get(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            reply = Map.of("ok", false, "error", "bad request: " + e.getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            reply = Map.of("ok", false, "error", "the arbiter did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            reply = Map.of("ok", false, "error", String.valueOf(e.getCause().getMessage()));
        }
        out.write(Json.MAPPER.writeValueAsBytes(reply));
        out.write('\n');
        out.flush();
    }

    private static byte[] readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (b.size() >= MAX_REQUEST) {
                throw new IOException("request longer than " + MAX_REQUEST + " bytes");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("closing the control socket: {}", e.toString());
        }
    }
}
