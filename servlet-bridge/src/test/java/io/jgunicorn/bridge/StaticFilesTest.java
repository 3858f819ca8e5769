package io.jgunicorn.bridge;

import io.jgunicorn.container.testkit.RawHttp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.handlers.DefaultServlet;
import io.jgunicorn.bridge.testkit.MemoryResources;
import io.jgunicorn.bridge.testkit.TestApp;
import org.eclipse.jetty.http.DateGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {

    private static final String TEXT = "0123456789abcdefghij";
    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = TestApp.create().contextPath("/app")
                .resource("/index.html", "<h1>home</h1>")
                .resource("/file.txt", TEXT)
                .resource("/data.foo", "foo")
                .resource("/docs/index.html", "docs")
                .resource("/empty/readme.md", "x")
                .resource("/WEB-INF/web.xml", "<secret/>")
                .resource("/META-INF/MANIFEST.MF", "secret")
                .mimeType("foo", "application/x-foo")
                .handler("home", (req, resp) -> resp.getWriter().print("servlet welcome " + req.getServletPath()), "/sub/home")
                .resource("/sub/readme.txt", "r")
                .handler("includer", (req, resp) -> {
                    resp.getWriter().print("before|");
                    req.getRequestDispatcher("/file.txt").include(req, resp);
                    resp.getWriter().print("|after");
                }, "/includer")
                .resource("/filtered/page.html", "page").filter("writerFirst", WriterFirst.class, "/filtered/*")
                .welcomeFiles("index.html", "home")
                .start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** A GET with these header name/value pairs, as raw HTTP through the container's real exchange. */
    private RawHttp.Response get(String target, String... headers) {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return app.raw(request.append("\r\n").toString());
    }

    private RawHttp.Response send(String method, String target) {
        return app.raw(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
    }

    private String etag() throws Exception {
        return get("/app/file.txt").header("ETag");
    }

    @Test
    void servesAFileWithValidatorsAndType() throws Exception {
        RawHttp.Response ex = get("/app/file.txt");
        assertEquals(200, ex.status());
        assertEquals(TEXT, ex.text());
        assertEquals("text/plain", ex.header("Content-Type"));
        assertEquals("20", ex.header("Content-Length"));
        assertEquals("bytes", ex.header("Accept-Ranges"));
        assertEquals(DateGenerator.formatDate(io.jgunicorn.bridge.testkit.MemoryResources.MTIME), ex.header("Last-Modified"));
        assertTrue(ex.header("ETag").matches("\"[0-9a-f]+-14\""), ex.header("ETag"));
        assertEquals("application/x-foo", get("/app/data.foo").header("Content-Type"));
    }

    @Test
    void aChangedFileIsServedNewAtOnceAndALargeOneWhole() throws Exception {
        assertEquals(TEXT, get("/app/file.txt").text());
        String before = etag();
        String changed = "9876543210jihgfedcba"; // the same size: only the mtime tells
        app.resources().put("/file.txt", changed, MemoryResources.MTIME + 5_000);
        RawHttp.Response after = get("/app/file.txt");
        assertEquals(changed, after.text());
        assertNotEquals(before, after.header("ETag"));
        assertEquals(304, get("/app/file.txt", "If-None-Match", after.header("ETag")).status());

        byte[] large = new byte[DefaultServlet.MAX_CACHED_FILE * 2 + 7];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ('a' + i % 26);
        }
        app.resources().put("/large.bin", large);
        RawHttp.Response big = get("/app/large.bin");
        assertEquals(String.valueOf(large.length), big.header("Content-Length"));
        assertArrayEquals(large, big.body());
    }

    @Test
    void conditionalRequests() throws Exception {
        String etag = etag();
        String lastModified = DateGenerator.formatDate(io.jgunicorn.bridge.testkit.MemoryResources.MTIME);
        String past = DateGenerator.formatDate(0);
        RawHttp.Response notModified = get("/app/file.txt", "If-None-Match", "\"other\", " + etag);
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);
        assertEquals(304, get("/app/file.txt", "If-None-Match", "W/" + etag).status());
        assertEquals(304, get("/app/file.txt", "If-Modified-Since", lastModified).status());
        assertEquals(200, get("/app/file.txt", "If-Modified-Since", past).status());
        assertEquals(200, get("/app/file.txt", "If-None-Match", "\"x\"", "If-Modified-Since", lastModified).status());
        assertEquals(412, get("/app/file.txt", "If-Match", "\"x\"").status());
        assertEquals(412, get("/app/file.txt", "If-Match", "W/" + etag).status());
        assertEquals(200, get("/app/file.txt", "If-Match", etag).status());
        assertEquals(412, get("/app/file.txt", "If-Unmodified-Since", past).status());
    }

    @Test
    void singleRangesAndSuffixRanges() throws Exception {
        RawHttp.Response first = get("/app/file.txt", "Range", "bytes=0-3");
        assertEquals(206, first.status());
        assertEquals("0123", first.text());
        assertEquals("bytes 0-3/20", first.header("Content-Range"));
        assertEquals("4", first.header("Content-Length"));
        assertEquals("hij", get("/app/file.txt", "Range", "bytes=-3").text());
        assertEquals("fghij", get("/app/file.txt", "Range", "bytes=15-").text());
        assertEquals("ij", get("/app/file.txt", "Range", "bytes=18-100").text());
    }

    @Test
    void unsatisfiableAndMalformedRanges() throws Exception {
        RawHttp.Response unsatisfiable = get("/app/file.txt", "Range", "bytes=100-200");
        assertEquals(416, unsatisfiable.status());
        assertEquals("bytes */20", unsatisfiable.header("Content-Range"));
        assertEquals(200, get("/app/file.txt", "Range", "bytes=5-1").status());
        assertEquals(200, get("/app/file.txt", "Range", "items=0-1").status());
        assertEquals(200, get("/app/file.txt", "Range", "bytes=0-1", "If-Range", "\"stale\"").status());
        assertEquals(206, get("/app/file.txt", "Range", "bytes=0-1", "If-Range", etag()).status());
    }

    @Test
    void multipleRangesAreSentAsMultipartByteranges() throws Exception {
        RawHttp.Response ex = get("/app/file.txt", "Range", "bytes=0-1,10-12");
        assertEquals(206, ex.status());
        String type = ex.header("Content-Type");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        String boundary = type.substring(type.indexOf('=') + 1);
        String expected = "\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/20\r\n\r\n01"
                + "\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 10-12/20\r\n\r\nabc"
                + "\r\n--" + boundary + "--\r\n";
        assertEquals(expected, ex.text());
        assertEquals(Integer.toString(expected.length()), ex.header("Content-Length"));
    }

    /** Writes through the writer before the chain goes on to the file. */
    public static final class WriterFirst implements jakarta.servlet.Filter {
        @Override
        public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse resp, jakarta.servlet.FilterChain chain)
                throws java.io.IOException, jakarta.servlet.ServletException {
            resp.getWriter().print("filtered|");
            chain.doFilter(req, resp);
        }
    }

    /** The writer is in use already (the includer took it, or a filter): the file goes through it, whole. */
    @Test
    void aFileIsWrittenThroughTheWriterWhenTheWriterIsInUse() throws Exception {
        RawHttp.Response ex = get("/app/includer");
        assertEquals(200, ex.status(), ex.text());
        assertEquals("before|" + TEXT + "|after", ex.text());
        RawHttp.Response filtered = get("/app/filtered/page.html");
        assertEquals(200, filtered.status(), filtered.text());
        assertEquals("filtered|page", filtered.text());
    }

    @Test
    void headSendsTheHeadersOnly() throws Exception {
        RawHttp.Response ex = send("HEAD", "/app/file.txt");
        assertEquals(200, ex.status());
        assertEquals("20", ex.header("Content-Length"));
        assertNotNull(ex.header("ETag"));
        assertEquals(0, ex.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/WEB-INF/web.xml", "/app/WEB-INF/", "/app/web-inf/web.xml", "/app/META-INF/MANIFEST.MF", "/app/WEB-INF",
        "/app/missing.txt", "/app/empty/"})
    void protectedAndMissingResourcesAre404(String target) throws Exception {
        RawHttp.Response ex = get(target);
        assertEquals(404, ex.status());
        assertTrue(!ex.text().contains("secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/%2e%2e/app/file.txt", "/app/docs/..%2Ffile.txt", "/app/WEB-INF%2fweb.xml", "/app/../x"})
    void pathTricksAre400(String target) throws Exception {
        assertEquals(400, get(target).status());
    }

    @Test
    void directoriesRedirectToTheirSlashAndServeWelcomeFiles() throws Exception {
        RawHttp.Response redirect = get("/app/docs?x=1");
        assertEquals(302, redirect.status());
        assertEquals("/app/docs/?x=1", redirect.header("Location"));
        assertEquals("docs", get("/app/docs/").text());
        assertEquals("<h1>home</h1>", get("/app/").text());
        assertEquals("servlet welcome /sub/home", get("/app/sub/").text());
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        RawHttp.Response ex = send("POST", "/app/file.txt");
        assertEquals(405, ex.status());
        assertEquals("GET, HEAD, OPTIONS", ex.header("Allow"));
        assertNull(send("OPTIONS", "/app/file.txt").header("Content-Type"));
    }
}
