package io.jgunicorn.tests;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scrapes and parses the arbiter's metrics endpoint (Prometheus text format) for tests. */
final class Prometheus {

    static final Pattern METRICS_AT = Pattern.compile("Metrics at: http://[^:]+:(\\d+)/metrics");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

    private Prometheus() {}

    /** The metrics endpoint's port, from the arbiter's log. */
    static int port(Jgunicorn j) {
        return Integer.parseInt(j.awaitLine(METRICS_AT, Jgunicorn.START_TIMEOUT).group(1));
    }

    /**
     * A scrape once {@code sample} reads {@code expected} (polled for up to 10 s, then the last scrape):
     * a worker counts a request after its response went out, so a client can read the response a
     * moment before the count moves.
     */
    static Map<String, Double> scrapeOnce(int port, String sample, double expected) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<String, Double> s = scrape(port);
        while (!Double.valueOf(expected).equals(s.get(sample)) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // the poll interval
            s = scrape(port);
        }
        return s;
    }

    /** Every sample as {@code name{labels}} to value; fails on a line that is not valid text format. */
    static Map<String, Double> scrape(int port) throws IOException {
        Http.Response r = Http.get(port, "/metrics");
        if (r.status() != 200 || !r.header("Content-Type").startsWith("text/plain; version=0.0.4")) {
            throw new AssertionError("bad scrape: " + r.status() + " " + r.headers());
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : r.text().split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ") || line.isEmpty()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus sample line: '" + line + "'");
            }
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    /** One sample's value, 0 when absent. */
    static double value(int port, String sample) {
        try {
            return scrape(port).getOrDefault(sample, 0.0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
