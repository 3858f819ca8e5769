package io.jgunicorn.tests;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load of the kind the lifecycle promise is about: several clients at once, half keeping
 * their connection alive (reconnecting only when a response says {@code Connection: close}), half
 * opening a new connection per request, and every tenth request a slow one. Every outcome other
 * than a complete 200 is counted, by kind, in the phase that was current when it failed (a slow
 * request started before a {@code kill -9} and cut short by it is the kill's loss, not the event's
 * before): a reset, an empty reply (closed before a status line), a timeout, any other status, any other I/O
 * failure. A refused connection counts as a failure too, except once {@link #refusalsExpected} (the
 * server was told to stop: a refused connection is then what a client should see). The clients
 * retry nothing: what the server lost is what they count.
 */
final class SteadyLoad implements AutoCloseable {

    /** Outcomes that are not a failure. */
    static final Set<String> FINE = Set.of("ok", "refused after stop");

    private final int port;
    private final String slowTarget;
    private final List<Thread> clients = new ArrayList<>();
    private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();
    private final Set<String> pids = ConcurrentHashMap.newKeySet();
    private final AtomicLong served = new AtomicLong();
    private final List<String> failureLog = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String phase = "warm-up";
    private volatile boolean refusalsExpected;
    private volatile boolean running = true;

    /**
     * @param port       the server's port on 127.0.0.1
     * @param clientCount how many clients (an even number: half keep-alive, half not)
     * @param slowTarget  the target of every tenth request (say {@code /sleep?ms=300})
     */
    SteadyLoad(int port, int clientCount, String slowTarget) {
        this.port = port;
        this.slowTarget = slowTarget;
        for (int i = 0; i < clientCount; i++) {
            boolean keepAlive = i % 2 == 0;
            int n = i;
            Thread t = new Thread(() -> run(keepAlive, n), "load-" + i + (keepAlive ? "-ka" : "-new"));
            t.setDaemon(true);
            clients.add(t);
        }
        clients.forEach(Thread::start);
    }

    /** From now on, outcomes are counted under {@code name}. */
    void phase(String name) {
        phase = name;
    }

    /** The server was told to stop: its listeners close, and a refused connection is fine from now on. */
    void refusalsExpected() {
        refusalsExpected = true;
    }

    long served() {
        return served.get();
    }

    /** How many different worker pids answered so far. */
    int workersSeen() {
        return pids.size();
    }

    /** Waits until {@code more} further requests were answered (the load really runs), or fails. */
    void awaitServed(long more, Duration timeout) {
        long target = served.get() + more;
        Jgunicorn.await(more + " more requests answered", timeout, () -> served.get() >= target);
    }

    /** Counts per phase, then per outcome. */
    Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((p, m) -> {
            Map<String, Long> c = new TreeMap<>();
            m.forEach((k, v) -> c.put(k, v.get()));
            out.put(p, c);
        });
        return out;
    }

    /** Failures (outcomes not in {@link #FINE}) in one phase. */
    long failures(String phaseName) {
        Map<String, AtomicLong> m = counts.getOrDefault(phaseName, Map.of());
        return m.entrySet().stream().filter(e -> !FINE.contains(e.getKey())).mapToLong(e -> e.getValue().get()).sum();
    }

    /** The first failures, with when and on what, for the report. */
    List<String> failureLog() {
        return List.copyOf(failureLog);
    }

    private void fail(String phaseName, String outcome, String target, boolean keepAlive) {
        count(phaseName, outcome);
        if (!FINE.contains(outcome) && failureLog.size() < 50) {
            failureLog.add(java.time.Instant.now() + " " + phaseName + ": " + outcome + " on " + target
                    + (keepAlive ? " (keep-alive client)" : ""));
        }
    }

    private void count(String phaseName, String outcome) {
        counts.computeIfAbsent(phaseName, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
    }

    private void run(boolean keepAlive, int client) {
        Socket socket = null;
        long i = client;
        while (running) {
            String p = phase;
            String target = ++i % 10 == 0 ? slowTarget : "/?c=" + client + "&i=" + i;
            boolean fresh = socket == null;
            try {
                if (socket == null) {
                    socket = connect();
                }
                Http.Response r = exchange(socket, target, keepAlive);
                if (r.status() == 200) {
                    count(p, "ok");
                    served.incrementAndGet();
                    String pid = r.header("X-Worker-Pid");
                    if (pid != null) {
                        pids.add(pid);
                    }
                } else {
                    fail(phase, "status " + r.status(), target, keepAlive);
                }
                if (!keepAlive || "close".equalsIgnoreCase(r.header("Connection"))) {
                    closeQuietly(socket);
                    socket = null;
                }
            } catch (IOException e) {
                closeQuietly(socket);
                socket = null;
                String outcome = classify(e, fresh);
                fail(phase, outcome, target, keepAlive); // the event under way when it failed
                if (outcome.equals("refused after stop")) {
                    pause();
                }
            }
        }
        closeQuietly(socket);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(30_000);
        s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
        return s;
    }

    private static Http.Response exchange(Socket s, String target, boolean keepAlive) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = s.getInputStream();
        return Http.read(in, false);
    }

    private String classify(IOException e, boolean freshConnection) {
        if (e instanceof ConnectException) {
            return refusalsExpected ? "refused after stop" : "refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        String m = String.valueOf(e.getMessage());
        if (e instanceof SocketException && m.contains("reset")) {
            return "reset";
        }
        if (e instanceof EOFException || m.contains("closed before a response")) {
            return freshConnection ? "empty reply (new connection)" : "empty reply (kept-alive connection)";
        }
        return "io: " + e.getClass().getSimpleName() + ": " + m;
    }

    /** After a refusal the server is going away: no need to spin on connect. */
    private static void pause() {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Stops the clients and waits for each to finish its request in progress. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : clients) {
            t.join(60_000);
        }
    }
}
