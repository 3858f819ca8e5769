package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS under every worker class, with every PEM key format, client certificates, and bad files. */
class TlsTest {

    @TempDir
    static Path dir;
    static TlsFiles files;

    @BeforeAll
    static void makeKeys() throws Exception {
        Assumptions.assumeTrue(TlsFiles.opensslAvailable(), "the openssl command makes the test keys");
        files = new TlsFiles(dir);
        files.rsa();
        files.ec();
        files.clientCa();
    }

    private static Jgunicorn start(String workerClass, String cert, String key, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("-k", workerClass, "--certfile", files.path(cert).toString(),
                "--keyfile", files.path(key).toString()));
        args.addAll(List.of(more));
        args.add(Jgunicorn.exampleWar("hello").toString());
        return Jgunicorn.start(args.toArray(String[]::new));
    }

    /** Sends {@code count} pipelined GETs on one TLS connection (the last closes) and reads the answers. */
    private static List<Http.Response> get(SSLContext ctx, int port, int count) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            StringBuilder raw = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                raw.append("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n").append(i == count ? "Connection: close\r\n" : "")
                        .append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(raw.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            List<Http.Response> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(Http.read(in, false));
            }
            return answers;
        }
    }

    private static void assertHttps(Jgunicorn j, String cert, int requests) throws Exception {
        for (Http.Response r : get(files.client(cert, false), j.port(), requests)) {
            assertEquals(200, r.status(), r.text());
            assertTrue(r.text().startsWith("Hello from jgunicorn!"), r.text());
            assertEquals("https", r.header("X-Scheme"));
            assertEquals("true", r.header("X-Secure"));
        }
    }

    @Test
    void syncWithPkcs8RsaKey() throws Exception {
        try (Jgunicorn j = start("sync", "rsa.crt", "rsa8.pem")) {
            assertHttps(j, "rsa.crt", 1);
            assertTrue(j.output().contains("Listening at: https://127.0.0.1:" + j.port()), j.output());
            boolean plainAnswered;
            try {
                plainAnswered = Http.get(j.port(), "/").status() == 200;
            } catch (IOException | RuntimeException refused) {
                plainAnswered = false;
            }
            assertTrue(!plainAnswered, "plain HTTP on a TLS port is not served");
        }
    }

    @Test
    void gthreadWithPkcs1RsaKeyKeepsAliveAndPipelines() throws Exception {
        try (Jgunicorn j = start("gthread", "rsa.crt", "rsa1.pem", "--threads", "2")) {
            assertHttps(j, "rsa.crt", 3);
        }
    }

    @Test
    void virtualWithSec1EcKeyOnTls13Only() throws Exception {
        try (Jgunicorn j = start("virtual", "ec.crt", "ec1.pem", "--ssl-version", "TLSv1_3")) {
            assertHttps(j, "ec.crt", 2);
            SSLContext ctx = files.client("ec.crt", false);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", j.port())) {
                s.setEnabledProtocols(new String[] {"TLSv1.2"});
                assertThrows(IOException.class, s::startHandshake, "TLS 1.2 refused under TLSv1_3");
            }
        }
    }

    @Test
    void asyncWithEncryptedPkcs8Key() throws Exception {
        try (Jgunicorn j = start("async", "rsa.crt", "rsa8enc.pem", "--keyfile-password", "s3cret",
                "--ciphers", "TLS_AES_256_GCM_SHA384:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")) {
            assertHttps(j, "rsa.crt", 2);
            try (SSLSocket s = (SSLSocket) files.client("rsa.crt", false).getSocketFactory()
                    .createSocket("127.0.0.1", j.port())) {
                s.startHandshake();
                assertEquals("TLS_AES_256_GCM_SHA384", s.getSession().getCipherSuite(), "only the listed suites");
            }
        }
    }

    @Test
    void requiredClientCertificate() throws Exception {
        try (Jgunicorn j = start("gthread", "ec.crt", "ec1.pem", "--ca-certs", files.path("ca.crt").toString(),
                "--cert-reqs", "2")) {
            Http.Response r = get(files.client("ec.crt", true), j.port(), 1).getFirst();
            assertEquals(200, r.status());
            assertEquals("CN=test-client", r.header("X-Client-Cert"), "the app sees the client certificate");
            assertThrows(IOException.class, () -> get(files.client("ec.crt", false), j.port(), 1),
                    "no client certificate, no answer");
        }
    }

    @Test
    void optionalClientCertificate() throws Exception {
        try (Jgunicorn j = start("virtual", "ec.crt", "ec1.pem", "--ca-certs", files.path("ca.crt").toString(),
                "--cert-reqs", "1")) {
            assertEquals(200, get(files.client("ec.crt", true), j.port(), 1).getFirst().status());
            Http.Response without = get(files.client("ec.crt", false), j.port(), 1).getFirst();
            assertEquals(200, without.status());
            assertEquals(null, without.header("X-Client-Cert"));
        }
    }

    private static String failedStart(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-b", "127.0.0.1:0", "--no-control-socket"));
        all.addAll(List.of(args));
        all.add(Jgunicorn.exampleWar("hello").toString());
        try (Jgunicorn j = Jgunicorn.launch(all, Map.of(), null)) {
            assertEquals(1, j.awaitExit(Duration.ofSeconds(60)), j.output());
            assertTrue(!j.output().contains("Booting worker"), "checked before any worker: " + j.output());
            return j.output();
        }
    }

    @Test
    void wrongOrMissingFilesAreStartupErrorsNamingTheFile() throws Exception {
        String missing = files.path("nope.pem").toString();
        String out = failedStart("--certfile", missing, "--keyfile", files.path("rsa8.pem").toString());
        assertTrue(out.contains("certfile") && out.contains(missing), out);

        Path garbage = Files.writeString(files.path("garbage.pem"), "not a key\n");
        out = failedStart("--certfile", files.path("rsa.crt").toString(), "--keyfile", garbage.toString());
        assertTrue(out.contains("keyfile") && out.contains(garbage.toString()), out);

        out = failedStart("--certfile", files.path("rsa.crt").toString(), "--keyfile", files.path("rsa8enc.pem").toString(),
                "--keyfile-password", "wrong");
        assertTrue(out.contains("keyfile_password"), out);

        out = failedStart("--certfile", files.path("rsa.crt").toString(), "--keyfile", files.path("ec1.pem").toString());
        assertTrue(out.contains("does not belong"), out);

        out = failedStart("--certfile", files.path("rsa.crt").toString(), "--keyfile", files.path("rsa8.pem").toString(),
                "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256");
        assertTrue(out.contains("setting 'ciphers'") && out.contains("ECDHE-RSA-AES128-GCM-SHA256"), out);
    }
}
