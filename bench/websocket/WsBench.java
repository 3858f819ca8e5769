import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebSocket benchmark's client (run by bench/websocket/run): the memory a worker spends per
 * idle session (live heap after a full GC; RSS and PSS, which with a fixed pre-touched heap change
 * only for native memory), then echo round trips over one session and over a few busy ones.
 * Loopback only, bounded in time.
 *
 *   java WsBench.java PORT WORKER_PID [busy=16] [seconds=10] [idle=2000] [bytes=64]
 */
public class WsBench {

    static final class Ws implements AutoCloseable {
        final Socket s;
        final DataInputStream in;
        final OutputStream out;

        Ws(int port) throws IOException {
            s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            s.setSoTimeout(30_000);
            String key = Base64.getEncoder().encodeToString(new byte[16]);
            s.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: b\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            in = new DataInputStream(s.getInputStream());
            out = s.getOutputStream();
            int state = 0;
            while (state < 4) { // up to the end of the 101 head
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed during the handshake");
                }
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            }
        }

        void sendText(byte[] payload) throws IOException {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0x81);
            f.write(0x80 | payload.length); // < 126 bytes
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            f.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                f.write(payload[i] ^ mask[i & 3]);
            }
            out.write(f.toByteArray());
        }

        byte[] read() throws IOException {
            in.readUnsignedByte();
            int len = in.readUnsignedByte() & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            }
            byte[] p = new byte[len];
            in.readFully(p);
            return p;
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    /** A field of /proc/PID/smaps_rollup in KiB ("Rss", "Pss"). */
    static long smapsKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no " + field + " in smaps_rollup of " + pid);
    }

    /** Rss KiB per mapping of /proc/PID/smaps, keyed by "start name" (a malloc arena grows at its end). */
    static java.util.Map<String, Long> rssByMapping(long pid) throws IOException {
        java.util.Map<String, Long> rss = new java.util.LinkedHashMap<>();
        String mapping = null;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] f = line.split("\\s+", 6);
                mapping = f[0].substring(0, f[0].indexOf('-')) + " " + (f.length > 5 ? f[5] : "[anon]");
            } else if (line.startsWith("Rss:") && mapping != null) {
                rss.put(mapping, Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        return rss;
    }

    static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** Full GC, then the heap's used KiB (live objects). */
    static long heapUsedKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        long used = 0;
        while (m.find()) {
            used = Long.parseLong(m.group(1)); // the first "used" is the whole heap's for Serial/G1 alike
            break;
        }
        return used;
    }

    /** Opens {@code n} more idle sessions and prints what the worker's memory grew by. */
    static void idleBatch(int port, long worker, int n, List<Ws> open, String which) throws Exception {
        boolean nmt = System.getenv("WS_BENCH_NMT") != null; // the worker runs with -XX:NativeMemoryTracking=summary
        long heapBefore = heapUsedKb(worker);
        java.util.Map<String, Long> mappingsBefore = nmt ? rssByMapping(worker) : null;
        if (nmt) {
            jcmd(worker, "VM.native_memory baseline");
        }
        long rssBefore = smapsKb(worker, "Rss");
        long pssBefore = smapsKb(worker, "Pss");
        for (int i = 0; i < n; i++) {
            open.add(new Ws(port));
        }
        Thread.sleep(2000);
        long heapAfter = heapUsedKb(worker);
        long rssAfter = smapsKb(worker, "Rss");
        long pssAfter = smapsKb(worker, "Pss");
        int threadsNow = (int) Files.list(Path.of("/proc/" + worker + "/task")).count();
        System.out.printf("idle, %s %d more sessions (%d open): live heap %d -> %d KiB (%.1f KiB per session); worker RSS"
                        + " %d -> %d KiB (%+.1f KiB per session), PSS %d -> %d KiB (%+.1f KiB per session), both outside"
                        + " the pre-touched heap; %d OS threads in the worker%n",
                which, n, open.size(), heapBefore, heapAfter, (heapAfter - heapBefore) / (double) n,
                rssBefore, rssAfter, (rssAfter - rssBefore) / (double) n,
                pssBefore, pssAfter, (pssAfter - pssBefore) / (double) n, threadsNow);
        if (nmt) { // the mappings whose resident size grew most (anonymous ones are malloc arenas or the JVM's)
            java.util.Map<String, Long> now = rssByMapping(worker);
            now.entrySet().stream()
                    .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - mappingsBefore.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 256)
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .forEach(e -> System.out.printf("  RSS %+d KiB %s%n", e.getValue(), e.getKey()));
            // where the JVM's own native memory went (committed KiB): the categories that grew
            for (String line : jcmd(worker, "VM.native_memory summary.diff scale=KB").split("\n")) {
                if (line.startsWith("-") && line.matches(".*committed=\\d+KB [+]\\d+KB.*")) {
                    System.out.println("  NMT " + line.trim());
                }
            }
        }
    }

    /** Round trips over {@code busy} sessions, each sending one message and waiting for its echo. */
    static void echoRate(int port, int busy, int seconds, byte[] payload) throws Exception {
        List<Ws> sessions = new ArrayList<>();
        for (int i = 0; i < busy; i++) {
            sessions.add(new Ws(port));
        }
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        long[][] latencies = new long[busy][];
        long[] counts = new long[busy];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < busy; i++) {
            int n = i;
            threads.add(Thread.ofPlatform().start(() -> {
                long[] lat = new long[1 << 22];
                int k = 0;
                try {
                    Ws ws = sessions.get(n);
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        ws.sendText(payload);
                        ws.read();
                        if (measuring.get() && k < lat.length) {
                            lat[k++] = System.nanoTime() - t0;
                        }
                    }
                } catch (IOException e) {
                    System.err.println("session " + n + ": " + e);
                }
                latencies[n] = Arrays.copyOf(lat, k);
                counts[n] = k;
            }));
        }
        Thread.sleep(3000); // warm-up
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        long total = Arrays.stream(counts).sum();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("echo: %d session%s, %d-byte text messages: %.0f round trips/s, p50 %.3f ms, p99 %.3f ms%n",
                busy, busy == 1 ? "" : "s", payload.length, total / elapsed,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
        for (Ws ws : sessions) {
            ws.close();
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long worker = Long.parseLong(args[1]);
        int busy = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int idle = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int bytes = args.length > 5 ? Math.min(125, Integer.parseInt(args[5])) : 64;

        byte[] payload = "x".repeat(bytes).getBytes(StandardCharsets.US_ASCII);
        // memory first, on a worker that has served a few sessions (classes loaded) but no busy
        // phase yet: native memory the busy phase leaves in malloc's arenas would hide the idle cost
        for (int round = 0; round < 2; round++) {
            List<Ws> warm = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Ws ws = new Ws(port);
                ws.sendText(payload);
                ws.read();
                warm.add(ws);
            }
            for (Ws ws : warm) {
                ws.close();
            }
        }
        Thread.sleep(1000);
        // two batches: the first also pays for what the JIT compiles (and its arenas) while they
        // open; the second, opened on top, shows the cost of one more idle session
        List<Ws> idleSessions = new ArrayList<>();
        int batches = Integer.parseInt(System.getenv().getOrDefault("WS_BENCH_BATCHES", "2"));
        for (int batch = 1; batch <= batches; batch++) {
            idleBatch(port, worker, idle, idleSessions, "batch " + batch + ":");
        }
        for (Ws ws : idleSessions) {
            ws.close();
        }

        echoRate(port, 1, seconds, payload);
        echoRate(port, busy, seconds, payload);
    }
}
