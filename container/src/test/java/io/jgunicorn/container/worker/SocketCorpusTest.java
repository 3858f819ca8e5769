package io.jgunicorn.container.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.http.TestCorpus;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The project's own request corpus over a loopback socket, per worker class, whole and per byte. */
class SocketCorpusTest {

    private static final Pattern STATUS = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3}) ");

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void ownCorpusOverASocket(String workerClass) throws Exception {
        try (RunningWorker w = new RunningWorker(workerClass, WorkerSocketTest.ECHO)) {
            for (TestCorpus.Fixture f : TestCorpus.own()) {
                for (boolean perByte : new boolean[] {false, true}) {
                    List<Integer> statuses = replay(w, f.bytes(), perByte);
                    String where = workerClass + " " + f.name() + (perByte ? " per byte" : " whole") + " -> " + statuses;
                    assertFalse(statuses.isEmpty(), where);
                    if (f.valid()) {
                        assertTrue(statuses.stream().allMatch(s -> s == 200), where);
                    } else {
                        assertTrue(statuses.getLast() >= 400, where);
                    }
                }
            }
        }
    }

    /** Sends the bytes, half-closes, and reads until the server closes; returns the final statuses. */
    private static List<Integer> replay(RunningWorker w, byte[] bytes, boolean perByte) throws Exception {
        try (Socket s = new Socket(w.address().getAddress(), w.address().getPort())) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            var out = s.getOutputStream();
            try {
                if (perByte) {
                    for (byte b : bytes) {
                        out.write(b);
                        out.flush();
                    }
                } else {
                    out.write(bytes);
                }
                s.shutdownOutput();
            } catch (java.net.SocketException refusedEarly) {
                // the server answered and closed before the rest arrived (sync, or a refused head)
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (java.net.SocketException reset) {
                // a refused request may be answered and reset; what arrived still counts
            }
            List<Integer> statuses = new ArrayList<>();
            Matcher m = STATUS.matcher(all.toString(StandardCharsets.ISO_8859_1));
            while (m.find()) {
                int st = Integer.parseInt(m.group(1));
                if (st >= 200) {
                    statuses.add(st);
                }
            }
            return statuses;
        }
    }
}
