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
 * The WebSocket benchmark's client (run by bench/websocket/run): echo round trips over a few busy
 * sessions, then the memory a worker spends per idle session. Loopback only, bounded in time.
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

    static long pssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no Pss in smaps_rollup of " + pid);
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

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long worker = Long.parseLong(args[1]);
        int busy = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int idle = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int bytes = args.length > 5 ? Math.min(125, Integer.parseInt(args[5])) : 64;

        byte[] payload = "x".repeat(bytes).getBytes(StandardCharsets.US_ASCII);
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
        System.out.printf("echo: %d sessions, %d-byte text messages: %.0f round trips/s, p50 %.3f ms, p99 %.3f ms%n",
                busy, bytes, total / elapsed, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
        for (Ws ws : sessions) {
            ws.close();
        }

        long heapBefore = heapUsedKb(worker);
        long before = pssKb(worker);
        List<Ws> idleSessions = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            idleSessions.add(new Ws(port));
        }
        Thread.sleep(2000);
        long heapAfter = heapUsedKb(worker);
        long after = pssKb(worker);
        int threadsNow = (int) Files.list(Path.of("/proc/" + worker + "/task")).count();
        System.out.printf("idle: %d open sessions: live heap %d -> %d KiB (%.1f KiB per session), worker PSS outside"
                        + " the pre-touched heap %+.1f KiB per session; %d OS threads in the worker%n",
                idle, heapBefore, heapAfter, (heapAfter - heapBefore) / (double) idle, (after - before) / (double) idle,
                threadsNow);
        for (Ws ws : idleSessions) {
            ws.close();
        }
    }
}
