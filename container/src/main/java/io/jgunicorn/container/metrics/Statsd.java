package io.jgunicorn.container.metrics;

import io.jgunicorn.config.Config;
import io.jgunicorn.container.posix.UnixDatagram;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gunicorn's StatsD client ({@code gunicorn/instrument/statsd.py}): the same metric names, types and
 * line format ({@code prefix.name:value|c|@1.0}, {@code |g}, {@code |ms}, DogStatsD tags as
 * {@code |#tags}). Datagrams are sent without ever blocking: a full buffer or an absent agent drops
 * the metric, as UDP would, and never slows a request. Unlike Gunicorn, the lines of one request
 * travel in one datagram, separated by newlines (every StatsD server accepts that).
 */
public final class Statsd implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.statsd");
    /** Safe for any network path without fragmentation, as the StatsD docs advise. */
    static final int MAX_DATAGRAM = 1432;

    private final String prefix;
    private final String tags;
    private final Sender sender;

    private interface Sender extends AutoCloseable {
        boolean send(byte[] datagram);

        @Override
        void close();
    }

    private Statsd(String prefix, String tags, Sender sender) {
        this.prefix = prefix;
        this.tags = tags;
        this.sender = sender;
    }

    /** The client for {@code statsd_host}, or null when it is unset or cannot be reached. */
    public static Statsd create(Config config) {
        String host = config.string("statsd_host");
        if (host == null || host.isBlank()) {
            return null;
        }
        try {
            String tags = config.string("dogstatsd_tags");
            return new Statsd(prefix(config.string("statsd_prefix")), tags == null ? "" : tags, open(host));
        } catch (IOException | RuntimeException e) {
            log.warn("StatsD metrics off: cannot reach statsd_host {}: {}", host, e.getMessage());
            return null;
        }
    }

    /**
     * Gunicorn's rule: a non-empty prefix ends with exactly one dot ({@code "app.."} becomes
     * {@code "app."}). Gunicorn's regular expression leaves a one-character prefix without its dot;
     * that looks like an accident, so here every non-empty prefix gets one.
     */
    static String prefix(String p) {
        if (p == null) {
            return "";
        }
        String stripped = p.replaceAll("\\.+$", "");
        return stripped.isEmpty() ? "" : stripped + ".";
    }

    private static Sender open(String host) throws IOException {
        if (host.startsWith("unix:")) {
            UnixDatagram u = UnixDatagram.connect(host.replaceFirst("^unix:(//)?", ""), MAX_DATAGRAM);
            return new Sender() {
                public boolean send(byte[] d) {
                    return u.send(d);
                }

                public void close() {
                    u.close();
                }
            };
        }
        InetSocketAddress address = HostPort.parse(host, 8125); // Gunicorn's default port
        if (address.isUnresolved()) {
            throw new IOException("unknown host " + address.getHostString());
        }
        DatagramChannel ch = DatagramChannel.open();
        ch.configureBlocking(false);
        ch.connect(address);
        return new Sender() {
            public boolean send(byte[] d) {
                try {
                    return ch.write(ByteBuffer.wrap(d)) > 0;
                } catch (IOException e) {
                    return false; // e.g. ICMP port unreachable from an earlier datagram: no agent yet
                }
            }

            public void close() {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing to flush
                }
            }
        };
    }

    /** {@code name:value|c|@1.0}. */
    public String counter(String name, long value) {
        return line(name, value + "|c|@1.0");
    }

    /** {@code name:value|g}. */
    public String gauge(String name, long value) {
        return line(name, value + "|g");
    }

    /** {@code name:value|ms}; Gunicorn sends milliseconds with a fraction. */
    public String timer(String name, long nanos) {
        long micros = nanos / 1000;
        return line(name, (micros / 1000) + "." + String.format("%03d", micros % 1000) + "|ms");
    }

    /** {@code name:valueAndType}, with the prefix and tags. */
    String line(String name, String valueAndType) {
        String l = prefix + name + ":" + valueAndType;
        return tags.isEmpty() ? l : l + "|#" + tags;
    }

    /** Sends lines in as few datagrams as fit; never blocks, never throws. */
    public void send(String... lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            if (!b.isEmpty() && b.length() + 1 + l.length() > MAX_DATAGRAM) {
                sender.send(b.toString().getBytes(StandardCharsets.UTF_8));
                b.setLength(0);
            }
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(l);
        }
        if (!b.isEmpty()) {
            sender.send(b.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        sender.close();
    }
}
