package io.jgunicorn.container.http;

import io.jgunicorn.container.testkit.Ci;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Request fixtures replayed in memory at every chunking (whole, per line, per byte, random): valid
 * ones must be answered 200 throughout, invalid ones must end with an error status.
 */
class CorpusTest {

    static final Set<Integer> ERRORS = Set.of(400, 403, 408, 411, 413, 414, 417, 426, 431, 501, 505);

    /** Gunicorn fixtures where the RFCs allow the stricter error answer (see http-corpus.py). */
    static final Set<String> STRICTER_ALLOWED = Set.of("valid/005", "valid/009", "valid/014", "valid/027",
            "valid/100", "valid/rfc9112_target_absolute_userinfo_01", "valid/025", "valid/025_line", "valid/029",
            "valid/030", "valid/rfc9112_smuggle_gzip_chunked_01", "valid/rfc9112_smuggle_te_identity_chunked_01",
            "valid/rfc9112_target_authority_connect_01", "valid/rfc9112_target_authority_ipv6_01",
            "valid/rfc9112_target_asterisk_options_01");

    static final Set<String> EXCLUDED = Set.of("valid/099"); // declares more body than it carries

    @TestFactory
    Stream<DynamicTest> ownCorpus() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/http1-corpus").toURI());
        return fixtures(root);
    }

    @TestFactory
    Stream<DynamicTest> gunicornCorpus() throws IOException {
        Path root = gunicornCorpusDir();
        Ci.require(root != null, "gunicorn corpus not found next to the checkout (shared/conformance)");
        return fixtures(root);
    }

    @Test
    void ownCorpusIsNotEmpty() throws Exception {
        Path root = Path.of(getClass().getResource("/http1-corpus").toURI());
        try (Stream<Path> s = Files.list(root.resolve("invalid"))) {
            assertTrue(s.count() >= 5);
        }
    }

    static Path gunicornCorpusDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path p = dir.resolve("shared/conformance/gunicorn-requests");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static Stream<DynamicTest> fixtures(Path root) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("valid", "invalid")) {
            try (Stream<Path> files = Files.list(root.resolve(kind))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".http")).sorted().toList()) {
                    CorpusFile c = CorpusFile.load(f);
                    if (!EXCLUDED.contains(c.name())) {
                        tests.add(DynamicTest.dynamicTest(c.name(), () -> replay(c, kind.equals("valid"))));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void replay(CorpusFile c, boolean valid) {
        byte[] payload = valid ? CorpusFile.addMissingHost(c.bytes()) : c.bytes();
        Map<String, String> settings = c.settings();
        for (Chunking chunking : Chunking.values()) {
            MemoryTransport t = Http1Harness.run(new EchoApp(), settings, chunking.split(payload, c.name().hashCode()));
            List<Integer> statuses = Http1Harness.statuses(t.outputText());
            String where = c.name() + " " + chunking + " " + settings + " -> " + statuses + "\n" + t.outputText();
            assertFalse(statuses.isEmpty(), where);
            if (valid && STRICTER_ALLOWED.contains(c.name()) && statuses.getFirst() != 200) {
                assertTrue(ERRORS.contains(statuses.getFirst()) || statuses.getFirst() == 405, where);
            } else if (valid) {
                assertTrue(statuses.stream().allMatch(s -> s == 200), where);
            } else {
                assertTrue(ERRORS.contains(statuses.getLast()), where);
            }
        }
    }
}
