package io.jgunicorn.container.worker;

import io.jgunicorn.config.Config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.http.TestLifecycle;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every worker class also serves a Unix domain socket listener (no socket adaptor, no SO_TIMEOUT). */
class UnixSocketTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void servesAUnixSocketAndKeepsAlive(String workerClass) throws Exception {
        Path path = dir.resolve("s");
        try (ServerSocketChannel l = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            l.bind(UnixDomainSocketAddress.of(path));
            Worker w = Workers.create(workerClass, new WorkerContext(List.of(l), WorkerSocketTest.ECHO,
                    Config.defaults().withText(Map.of("graceful_timeout", "5")), new TestLifecycle()));
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                try {
                    w.run();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                String reply = exchange(c, "POST /u HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi");
                assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
                assertTrue(reply.endsWith("POST /u 2 hi 127.0.0.1"), reply);
                if (!workerClass.equals("sync")) {
                    assertTrue(exchange(c, "GET /again HTTP/1.1\r\nHost: t\r\n\r\n").endsWith("GET /again 0  127.0.0.1"));
                }
            }
            w.shutdown(true);
            done.get(10, TimeUnit.SECONDS);
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** Writes a request and reads one Content-Length response. */
    private static String exchange(SocketChannel c, String request) throws Exception {
        c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        StringBuilder sb = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            int end = sb.indexOf("\r\n\r\n");
            if (end >= 0) {
                int cl = sb.indexOf("Content-Length: ");
                int len = Integer.parseInt(sb.substring(cl + 16, sb.indexOf("\r\n", cl)));
                if (sb.length() >= end + 4 + len) {
                    return sb.toString();
                }
            }
            buf.clear();
            if (c.read(buf) < 0) {
                return sb.toString();
            }
            buf.flip();
            sb.append(StandardCharsets.ISO_8859_1.decode(buf));
        }
    }
}
