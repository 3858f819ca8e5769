package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The servlet features a WAR written for Tomcat or Jetty relies on, through the real server and the
 * spec WAR (examples-war/spec), under every worker class.
 */
class SpecWarTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Jgunicorn> SERVERS = new ConcurrentHashMap<>();
    static Path realm;

    @BeforeAll
    static void start() throws Exception {
        realm = Files.createTempDirectory("spec-realm").resolve("users.realm");
        Files.writeString(realm, "alice = " + hash("wonderland") + ", admin\nbob = " + hash("builder") + ", user\n");
        for (String k : WorkerClassesTest.CLASSES) {
            SERVERS.put(k, Jgunicorn.start("-k", k, "--realm-file", realm.toString(), Jgunicorn.exampleWar("spec").toString()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Jgunicorn j : SERVERS.values()) {
            j.close();
        }
    }

    /** {@code jgunicorn hash-password}, as an operator makes realm lines. */
    static String hash(String password) throws Exception {
        Process p = new ProcessBuilder(Jgunicorn.root().resolve("jgunicorn").toString(), "hash-password")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        assertTrue(out.startsWith("pbkdf2-sha256$"), out);
        return out;
    }

    static int port(String k) {
        return SERVERS.get(k).port();
    }

    static JsonNode json(Http.Response r) throws Exception {
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.headers() + " " + r.text());
        return JSON.readTree(r.body());
    }

    static Http.Response get(String k, String target, String... headers) throws Exception {
        StringBuilder h = new StringBuilder();
        for (String x : headers) {
            h.append(x).append("\r\n");
        }
        return Http.exchange(port(k), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + h + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void everyMappingKindAsTheSpecSays(String k) throws Exception {
        JsonNode exact = json(get(k, "/exact"));
        assertEquals("/exact", exact.get("servletPath").asText());
        assertTrue(exact.get("pathInfo").isNull());
        assertEquals("EXACT", exact.get("mappingMatch").asText());
        assertTrue(exact.get("tcclIsWebapp").asBoolean(), "the webapp's loader is the TCCL");
        JsonNode prefix = json(get(k, "/prefix/a/b"));
        assertEquals("/prefix", prefix.get("servletPath").asText());
        assertEquals("/a/b", prefix.get("pathInfo").asText());
        assertEquals("PATH", prefix.get("mappingMatch").asText());
        assertEquals("a/b", prefix.get("matchValue").asText());
        JsonNode ext = json(get(k, "/x/y.ext"));
        assertEquals("/x/y.ext", ext.get("servletPath").asText());
        assertEquals("EXTENSION", ext.get("mappingMatch").asText());
        assertEquals("x/y", ext.get("matchValue").asText());
        assertTrue(ext.get("initializer").asText().contains("MappingServlet"), "@HandlesTypes found the servlets: " + ext);
        assertTrue(ext.get("requestsSeen").asLong() > exact.get("requestsSeen").asLong(), "request listener counts");
        assertEquals("registered by a listener", get(k, "/programmatic").text());
        Http.Response welcome = get(k, "/");
        assertEquals(200, welcome.status());
        assertTrue(welcome.text().contains("Static welcome file."), welcome.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void parametersCookiesAndMultipart(String k) throws Exception {
        JsonNode q = json(get(k, "/request/params?a=1&a=2&b=%C3%A9"));
        assertEquals(List.of("1", "2"), List.of(q.at("/params/a/0").asText(), q.at("/params/a/1").asText()));
        assertEquals("é", q.at("/params/b/0").asText());
        byte[] form = "name=J%C3%BCrgen&x=1".getBytes(StandardCharsets.US_ASCII);
        JsonNode f = json(Http.request(port(k), "POST", "/request/params?q=z", "application/x-www-form-urlencoded", form));
        assertEquals("Jürgen", f.at("/params/name/0").asText());
        assertEquals("z", f.at("/params/q/0").asText());

        Http.Response c = get(k, "/request/cookies", "Cookie: a=b; c=d");
        assertEquals("b", json(c).at("/cookies/a").asText());
        assertTrue(c.header("Set-Cookie").startsWith("flavour=oatmeal") && c.header("Set-Cookie").contains("HttpOnly"), c.header("Set-Cookie"));

        String boundary = "----spec" + System.nanoTime();
        String mp = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + "z".repeat(3000) + "\r\n--" + boundary + "--\r\n";
        JsonNode parts = json(Http.request(port(k), "POST", "/request/parts", "multipart/form-data; boundary=" + boundary,
                mp.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(2, parts.get("parts").size(), parts.toString());
        assertEquals(3000, parts.at("/parts/1/size").asInt(), parts.toString());
        assertEquals("a.txt", parts.at("/parts/1/filename").asText());

        JsonNode info = json(get(k, "/request/info", "Accept-Language: fr-CH, en;q=0.5"));
        assertEquals("127.0.0.1", info.get("remoteAddr").asText());
        assertEquals("http", info.get("scheme").asText());
        assertEquals("fr-CH", info.get("locale").asText());
        assertFalse(info.get("requestId").asText().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void sessionsByCookieRotationAndInvalidation(String k) throws Exception {
        Http.Response first = get(k, "/session/count");
        String setCookie = first.header("Set-Cookie");
        assertNotNull(setCookie, first.headers().toString());
        assertTrue(setCookie.startsWith("SPECSESSION="), setCookie);
        String cookie = setCookie.split(";")[0];
        assertEquals(1, json(first).get("count").asInt());
        JsonNode second = json(get(k, "/session/count", "Cookie: " + cookie));
        assertEquals(2, second.get("count").asInt());
        assertFalse(second.get("isNew").asBoolean());
        Http.Response rotated = get(k, "/session/rotate", "Cookie: " + cookie);
        JsonNode r = json(rotated);
        assertNotEquals(r.get("oldId").asText(), r.get("id").asText());
        assertEquals(2, r.get("count").asInt(), "attributes survive changeSessionId");
        String newCookie = rotated.header("Set-Cookie").split(";")[0];
        assertTrue(json(get(k, "/session/invalidate", "Cookie: " + newCookie)).get("invalidated").asBoolean());
        assertEquals(1, json(get(k, "/session/count", "Cookie: " + newCookie)).get("count").asInt(), "a fresh session");
        // without cookies the URL carries the session
        assertTrue(json(get(k, "/session/count")).get("encodedURL").asText().contains(";jsessionid="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void dispatchErrorPagesAndRedirects(String k) throws Exception {
        JsonNode fwd = json(get(k, "/dispatch/forward"));
        assertEquals("FORWARD", fwd.get("dispatcherType").asText());
        assertEquals("/dispatch/forward", fwd.get("jakarta.servlet.forward.request_uri").asText());
        assertEquals("/target", fwd.get("pathInfo").asText());
        assertEquals("REQUEST,FORWARD", fwd.get("filteredAs").asText());
        String inc = get(k, "/dispatch/include").text();
        assertTrue(inc.startsWith("before|{") && inc.endsWith("}|after"), inc);
        assertTrue(inc.contains("\"dispatcherType\":\"INCLUDE\"") && inc.contains("\"jakarta.servlet.include.path_info\":\"/target\""), inc);
        JsonNode named = json(get(k, "/dispatch/named"));
        assertTrue(named.has("tcclIsWebapp"), "the named servlet answered: " + named);
        assertEquals("dispatch", named.get("servletName").asText(), "a named dispatch keeps the request's mapping");
        Http.Response redirect = get(k, "/dispatch/redirect");
        assertEquals(302, redirect.status());
        assertTrue(redirect.header("Location").endsWith("/dispatch/target?via=redirect"), redirect.header("Location"));
        Http.Response teapot = get(k, "/dispatch/error");
        assertEquals(418, teapot.status());
        JsonNode e = json(teapot);
        assertTrue(e.get("errorPage").asBoolean());
        assertEquals(418, e.get("status").asInt());
        assertEquals("short and stout", e.get("message").asText());
        assertEquals("ERROR", e.get("dispatcherType").asText());
        Http.Response thrown = get(k, "/dispatch/throw");
        assertEquals(500, thrown.status());
        assertEquals("java.lang.IllegalStateException", json(thrown).get("exceptionType").asText());
        assertEquals(404, get(k, "/no/such/thing").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void staticFilesWithValidatorsRangesAndRefusals(String k) throws Exception {
        Http.Response file = get(k, "/static/hello.txt");
        assertEquals(200, file.status());
        assertEquals("static text file\n", file.text());
        assertTrue(file.header("Content-Type").startsWith("text/plain"), file.header("Content-Type"));
        String etag = file.header("ETag");
        assertNotNull(etag);
        assertNotNull(file.header("Last-Modified"));
        assertEquals(304, get(k, "/static/hello.txt", "If-None-Match: " + etag).status());
        assertEquals(304, get(k, "/static/hello.txt", "If-Modified-Since: " + file.header("Last-Modified")).status());
        Http.Response range = get(k, "/static/hello.txt", "Range: bytes=0-5");
        assertEquals(206, range.status());
        assertEquals("static", range.text());
        assertEquals("bytes 0-5/17", range.header("Content-Range"));
        Http.Response multi = get(k, "/static/hello.txt", "Range: bytes=0-0,-2");
        assertEquals(206, multi.status());
        assertTrue(multi.header("Content-Type").startsWith("multipart/byteranges"), multi.header("Content-Type"));
        assertEquals(416, get(k, "/static/hello.txt", "Range: bytes=100-200").status());
        assertEquals("application/x-spec", get(k, "/static/data.spec").header("Content-Type"));
        assertEquals(404, get(k, "/WEB-INF/secret.txt").status());
        assertEquals(404, get(k, "/WEB-INF/web.xml").status());
        int dots = get(k, "/static/..%2fWEB-INF/secret.txt").status();
        assertTrue(dots == 400 || dots == 404, "encoded slash: " + dots);
        int nul = get(k, "/static/hello.txt%00.html").status();
        assertTrue(nul == 400 || nul == 404, "null byte: " + nul);
        int listing = get(k, "/static/").status();
        assertTrue(listing == 403 || listing == 404, "no directory listing: " + listing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void asyncAndNonBlockingReads(String k) throws Exception {
        assertEquals("completed after 150 ms", get(k, "/async/later?ms=150").text());
        Http.Response timeout = get(k, "/async/timeout");
        assertEquals(504, timeout.status());
        assertEquals("timed out by the async listener", timeout.text());
        JsonNode dispatched = json(get(k, "/async/dispatch"));
        assertEquals("ASYNC", dispatched.get("dispatcherType").asText());
        assertTrue(dispatched.get("filteredAs").asText().contains("ASYNC"), dispatched.toString());
        byte[] body = "0123456789".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        Http.Response read = Http.request(port(k), "POST", "/async/read", "text/plain", body);
        assertEquals(200, read.status());
        assertTrue(read.text().startsWith("read 10000 bytes: 0123456789"), read.text().substring(0, 40));
    }

    /**
     * A body arriving in two parts, the second sent only once the answer to the first came back: the
     * ReadListener gets one onDataAvailable per part (isReady() says false in between), not both
     * parts in one call that blocked for the second.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void aReadListenerIsCalledAgainForDataThatArrivesLater(String k) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port(k))) {
            s.setSoTimeout(20_000);
            var out = s.getOutputStream();
            var in = s.getInputStream();
            out.write(("POST /async/parts HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: text/plain\r\nConnection: close\r\n\r\n5\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder seen = new StringBuilder();
            readUntil(in, seen, "[Hello]");
            out.write("5\r\nWorld\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readUntil(in, seen, "end");
            String raw = seen.toString();
            assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
            assertTrue(raw.indexOf("[Hello]") < raw.indexOf("[World]") && raw.indexOf("[World]") < raw.indexOf("end"), raw);
        }
    }

    /** Reads the raw response until {@code marker} shows (the socket's timeout is the deadline). */
    private static void readUntil(java.io.InputStream in, StringBuilder seen, String marker) throws java.io.IOException {
        byte[] buf = new byte[1024];
        while (seen.indexOf(marker) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                throw new java.io.EOFException("connection closed before " + marker + " in:\n" + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void basicLoginAgainstTheFileRealm(String k) throws Exception {
        Http.Response anonymous = get(k, "/admin/");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic realm=\"spec realm\""),
                anonymous.header("WWW-Authenticate"));
        assertEquals(401, get(k, "/admin/", "Authorization: Basic " + basic("alice", "wrong")).status());
        assertEquals(403, get(k, "/admin/", "Authorization: Basic " + basic("bob", "builder")).status());
        JsonNode ok = json(get(k, "/admin/", "Authorization: Basic " + basic("alice", "wonderland")));
        assertEquals("alice", ok.get("user").asText());
        assertTrue(ok.get("isAdmin").asBoolean());
        assertEquals("BASIC", ok.get("authType").asText());
    }

    static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
