package io.jgunicorn.container.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.config.Config;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The StatsD line format and prefix rule, as Gunicorn writes them. */
class StatsdTest {

    static Config config(Map<String, String> settings) {
        return Config.fromText(settings);
    }

    @Test
    void prefixGetsExactlyOneDot() {
        assertEquals("", Statsd.prefix(""));
        assertEquals("", Statsd.prefix(null));
        assertEquals("app.", Statsd.prefix("app"));
        assertEquals("app.", Statsd.prefix("app..."));
        assertEquals("a.b.", Statsd.prefix("a.b."));
    }

    @Test
    void linesHaveGunicornsTypesAndTags() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Statsd s = Statsd.create(config(Map.of("statsd_host", "127.0.0.1:" + agent.getLocalPort(),
                        "statsd_prefix", "web", "dogstatsd_tags", "env:prod")))) {
            assertEquals("web.gunicorn.requests:1|c|@1.0|#env:prod", s.counter("gunicorn.requests", 1));
            assertEquals("web.gunicorn.workers:3|g|#env:prod", s.gauge("gunicorn.workers", 3));
            assertEquals("web.gunicorn.request.duration:12.345|ms|#env:prod",
                    s.timer("gunicorn.request.duration", 12_345_678));
            assertEquals("web.gunicorn.request.duration:0.007|ms|#env:prod",
                    s.timer("gunicorn.request.duration", 7_999));
            s.send("a:1|c", "b:2|g");
            assertEquals("a:1|c\nb:2|g", receive(agent));
        }
    }

    @Test
    void manyLinesAreSplitIntoDatagramsThatFit() throws Exception {
        try (DatagramSocket agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Statsd s = Statsd.create(config(Map.of("statsd_host", "127.0.0.1:" + agent.getLocalPort())))) {
            String line = "x".repeat(600) + ":1|c";
            s.send(line, line, line);
            String first = receive(agent);
            String second = receive(agent);
            assertTrue(first.length() <= Statsd.MAX_DATAGRAM && second.length() <= Statsd.MAX_DATAGRAM);
            assertEquals(line + "\n" + line, first);
            assertEquals(line, second);
        }
    }

    @Test
    void noAgentListeningNeverThrows() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        try (Statsd s = Statsd.create(config(Map.of("statsd_host", "127.0.0.1:" + port)))) {
            for (int i = 0; i < 100; i++) {
                s.send(s.counter("gunicorn.requests", 1)); // ICMP unreachable errors are swallowed
            }
        }
    }

    @Test
    void unixDatagramAgentReceivesTheLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Throwable {
        java.nio.file.Path sock = dir.resolve("statsd.sock");
        try (var agent = new io.jgunicorn.container.posix.UnixDatagramReceiver(sock);
                Statsd s = Statsd.create(config(Map.of("statsd_host", "unix:" + sock)))) {
            s.send(s.counter("gunicorn.requests", 1), s.gauge("gunicorn.workers", 2));
            assertEquals("gunicorn.requests:1|c|@1.0\ngunicorn.workers:2|g", agent.receive(10_000));
        }
    }

    @Test
    void unixAgentThatIsGoneIsAWarningNotAFailure(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertNull(Statsd.create(config(Map.of("statsd_host", "unix:" + dir.resolve("nobody.sock")))));
    }

    @Test
    void unsetOrUnresolvableHostMeansNoClient() {
        assertNull(Statsd.create(config(Map.of())));
        assertNull(Statsd.create(config(Map.of("statsd_host", "no-such-host.invalid:8125"))));
    }

    static String receive(DatagramSocket agent) throws Exception {
        agent.setSoTimeout(10_000);
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        agent.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }
}
