package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same applications behave the same under every worker class (one server per class, shared by its tests). */
class WorkerClassesTest {

    static final String[] CLASSES = {"sync", "gthread", "virtual", "async"};
    static final java.util.Map<String, Jgunicorn> HELLO = new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.Map<String, Jgunicorn> ECHO = new java.util.concurrent.ConcurrentHashMap<>();

    /** 300 KiB, past the default servlet's 64 KiB cache: served by sendfile where the transport allows it. */
    static final String BIG = "0123456789abcdefghijklmnopqrstuvwxyz\n".repeat(300 * 1024 / 37 + 1);

    @BeforeAll
    static void startServers() throws Exception {
        java.nio.file.Path war = java.nio.file.Files.createTempFile("hello-big", ".war");
        war.toFile().deleteOnExit();
        java.nio.file.Files.write(war, WarFiles.helloWith(java.util.Map.of("static/big.txt", BIG)));
        for (String k : CLASSES) {
            HELLO.put(k, Jgunicorn.start("-k", k, "--threads", k.equals("gthread") ? "4" : "1", war.toString()));
            ECHO.put(k, Jgunicorn.start("-k", k, Jgunicorn.exampleWar("echo").toString()));
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (Jgunicorn j : HELLO.values()) {
            j.close();
        }
        for (Jgunicorn j : ECHO.values()) {
            j.close();
        }
    }

    static int hello(String k) {
        return HELLO.get(k).port();
    }

    static int echo(String k) {
        return ECHO.get(k).port();
    }

    static void send(OutputStream out, String s) throws java.io.IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void getPostAndHead(String k) throws Exception {
        assertTrue(HELLO.get(k).output().contains("Using worker: " + k), HELLO.get(k).output());
        Http.Response r = Http.get(hello(k), "/");
        assertEquals(200, r.status());
        assertTrue(r.text().contains("filter: ran"));
        assertTrue(r.header("Date") != null && "jgunicorn".equals(r.header("Server")), r.headers().toString());
        byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        JsonNode json = new ObjectMapper().readTree(Http.request(echo(k), "POST", "/p", "text/plain", body).body());
        assertEquals(body.length, Base64.getDecoder().decode(json.get("bodyBase64").asText()).length);
        Http.Response head = Http.request(hello(k), "HEAD", "/", null, new byte[0]);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
    }

    /**
     * The echo WAR maps its servlet at {@code /}, so it would be handed every path: the container's door
     * refuses what lies under WEB-INF and META-INF first, however the path is spelled.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void webInfAndMetaInfAre404EvenForAServletMappedAtSlash(String k) throws Exception {
        for (String target : new String[] {"/WEB-INF/classes/io/jgunicorn/examples/echo/EchoServlet.class", "/WEB-INF",
                "/web-inf/", "/META-INF/MANIFEST.MF", "/Meta-Inf", "/x/../WEB-INF/", "/./META-INF/MANIFEST.MF",
                "/%57EB-INF/classes", "/%77eb-%69nf/", "/WEB-INF;p=1/classes", "/x;y/..;z/WEB-INF", "//META-INF/"}) {
            Http.Response r = Http.exchange(echo(k), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(404, r.status(), k + " " + target + ": " + r.text());
        }
        for (String target : new String[] {"/WEB-INFO/x", "/x/WEB-INF/y", "/META-INF.txt"}) {
            Http.Response r = Http.exchange(echo(k), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(200, r.status(), k + " " + target);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void keepAliveAndPipeliningExceptSyncWhichCloses(String k) throws Exception {
        try (Socket s = Http.connect(hello(k))) {
            send(s.getOutputStream(), "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /sleep?ms=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            Http.Response first = Http.read(in, false);
            assertEquals(200, first.status());
            if (k.equals("sync")) {
                assertEquals("close", first.header("Connection"));
                assertEquals(-1, in.read(), "sync closes after each response");
                return;
            }
            assertNull(first.header("Connection"), first.headers().toString());
            Http.Response second = Http.read(in, false);
            assertEquals("slept 1 ms", second.text().trim());
            // HTTP/1.0 without keep-alive is closed after the response
            send(s.getOutputStream(), "GET / HTTP/1.0\r\n\r\n");
            assertEquals(200, Http.read(in, false).status());
            assertEquals(-1, in.read());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void malformedRequestGets400AndTheWorkerKeepsServing(String k) throws Exception {
        long before = SignalsTest.workerPid(hello(k));
        for (String bad : new String[] {
            "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
            "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
            "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /static/a%00b HTTP/1.1\r\nHost: x\r\n\r\n",
        }) {
            Http.Response r = Http.exchange(hello(k), bad);
            assertTrue(r.status() >= 400 && r.status() < 600, bad + " -> " + r.status());
            assertEquals("close", r.header("Connection"), bad);
        }
        assertEquals(before, SignalsTest.workerPid(hello(k)), "same worker, still serving");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void chunkedBodiesBothWaysAndTrailers(String k) throws Exception {
        String req = "POST /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 42\r\n\r\n";
        JsonNode json = new ObjectMapper().readTree(Http.exchange(echo(k), req).body());
        assertEquals("hello world", new String(Base64.getDecoder().decode(json.get("bodyBase64").asText()), StandardCharsets.UTF_8));
        assertEquals("42", json.get("trailers").get(0).get(1).asText(), json.toString());
        Http.Response stream = Http.get(hello(k), "/stream?n=3");
        assertEquals("chunked", stream.header("Transfer-Encoding"));
        assertEquals("line 1\nline 2\nline 3\n", stream.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void expectContinueIsSentOnlyWhenTheBodyIsRead(String k) throws Exception {
        try (Socket s = Http.connect(echo(k))) {
            send(s.getOutputStream(), "POST /e HTTP/1.1\r\nHost: x\r\nConnection: close\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 4\r\n\r\n");
            InputStream in = s.getInputStream();
            String interim = Http.line(in);
            assertEquals("HTTP/1.1 100 Continue", interim);
            assertEquals("", Http.line(in));
            send(s.getOutputStream(), "body");
            JsonNode json = new ObjectMapper().readTree(Http.read(in, false).body());
            assertEquals("body", new String(Base64.getDecoder().decode(json.get("bodyBase64").asText()), StandardCharsets.UTF_8));
        }
        // hello's GET / never reads a body: no 100 Continue, the final answer comes at once
        try (Socket s = Http.connect(hello(k))) {
            send(s.getOutputStream(), "POST /sleep?ms=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 4\r\n\r\n");
            String status = Http.line(s.getInputStream());
            assertTrue(!status.contains("100"), status);
        }
    }


    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void largeStaticFileWholeRangedAndConditionalOnOneConnection(String k) throws Exception {
        byte[] big = BIG.getBytes(StandardCharsets.US_ASCII);
        try (java.net.Socket s = Http.connect(hello(k))) {
            OutputStream out = s.getOutputStream();
            java.io.InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            boolean close = k.equals("sync");
            String conn = close ? "Connection: close\r\n" : "";
            send(out, "GET /static/big.txt HTTP/1.1\r\nHost: x\r\n" + conn + "\r\n");
            Http.Response whole = Http.read(in, false);
            assertEquals(200, whole.status());
            assertEquals(String.valueOf(big.length), whole.header("Content-Length"));
            assertTrue(java.util.Arrays.equals(big, whole.body()), "the whole file, byte for byte");
            if (close) {
                return; // sync closes after each response; the rest is checked on keep-alive classes
            }
            send(out, "GET /static/big.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=100000-100099\r\n\r\n");
            Http.Response part = Http.read(in, false);
            assertEquals(206, part.status());
            assertEquals("bytes 100000-100099/" + big.length, part.header("Content-Range"));
            assertEquals(BIG.substring(100000, 100100), part.text());
            send(out, "GET /static/big.txt HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + whole.header("ETag") + "\r\n\r\n");
            assertEquals(304, Http.read(in, false).status());
            send(out, "HEAD /static/big.txt HTTP/1.1\r\nHost: x\r\n\r\n");
            Http.Response head = Http.read(in, true);
            assertEquals(String.valueOf(big.length), head.header("Content-Length"));
            send(out, "GET /static/big.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(java.util.Arrays.equals(big, Http.read(in, false).body()), "again, after the others");
        }
    }
}
