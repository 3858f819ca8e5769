package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.handlers.DefaultServlet;
import io.jgunicorn.bridge.testkit.FakeExchange;
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

    private FakeExchange get(String target, String... headers) throws Exception {
        FakeExchange exchange = FakeExchange.get(target);
        for (int i = 0; i < headers.length; i += 2) {
            exchange.header(headers[i], headers[i + 1]);
        }
        return app.send(exchange);
    }

    private String etag() throws Exception {
        return get("/app/file.txt").sentHeader("ETag");
    }

    @Test
    void servesAFileWithValidatorsAndType() throws Exception {
        FakeExchange ex = get("/app/file.txt");
        assertEquals(200, ex.responseStatus());
        assertEquals(TEXT, ex.responseText());
        assertEquals("text/plain", ex.sentHeader("Content-Type"));
        assertEquals("20", ex.sentHeader("Content-Length"));
        assertEquals("bytes", ex.sentHeader("Accept-Ranges"));
        assertEquals(DateGenerator.formatDate(io.jgunicorn.bridge.testkit.MemoryResources.MTIME), ex.sentHeader("Last-Modified"));
        assertTrue(ex.sentHeader("ETag").matches("\"[0-9a-f]+-14\""), ex.sentHeader("ETag"));
        assertEquals("application/x-foo", get("/app/data.foo").sentHeader("Content-Type"));
    }

    @Test
    void aChangedFileIsServedNewAtOnceAndALargeOneWhole() throws Exception {
        assertEquals(TEXT, get("/app/file.txt").responseText());
        String before = etag();
        String changed = "9876543210jihgfedcba"; // the same size: only the mtime tells
        app.resources().put("/file.txt", changed, MemoryResources.MTIME + 5_000);
        FakeExchange after = get("/app/file.txt");
        assertEquals(changed, after.responseText());
        assertNotEquals(before, after.sentHeader("ETag"));
        assertEquals(304, get("/app/file.txt", "If-None-Match", after.sentHeader("ETag")).responseStatus());

        byte[] large = new byte[DefaultServlet.MAX_CACHED_FILE * 2 + 7];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ('a' + i % 26);
        }
        app.resources().put("/large.bin", large);
        FakeExchange big = get("/app/large.bin");
        assertEquals(String.valueOf(large.length), big.sentHeader("Content-Length"));
        assertArrayEquals(large, big.responseBytes());
    }

    @Test
    void conditionalRequests() throws Exception {
        String etag = etag();
        String lastModified = DateGenerator.formatDate(io.jgunicorn.bridge.testkit.MemoryResources.MTIME);
        String past = DateGenerator.formatDate(0);
        FakeExchange notModified = get("/app/file.txt", "If-None-Match", "\"other\", " + etag);
        assertEquals(304, notModified.responseStatus());
        assertEquals(0, notModified.responseBytes().length);
        assertEquals(304, get("/app/file.txt", "If-None-Match", "W/" + etag).responseStatus());
        assertEquals(304, get("/app/file.txt", "If-Modified-Since", lastModified).responseStatus());
        assertEquals(200, get("/app/file.txt", "If-Modified-Since", past).responseStatus());
        assertEquals(200, get("/app/file.txt", "If-None-Match", "\"x\"", "If-Modified-Since", lastModified).responseStatus());
        assertEquals(412, get("/app/file.txt", "If-Match", "\"x\"").responseStatus());
        assertEquals(412, get("/app/file.txt", "If-Match", "W/" + etag).responseStatus());
        assertEquals(200, get("/app/file.txt", "If-Match", etag).responseStatus());
        assertEquals(412, get("/app/file.txt", "If-Unmodified-Since", past).responseStatus());
    }

    @Test
    void singleRangesAndSuffixRanges() throws Exception {
        FakeExchange first = get("/app/file.txt", "Range", "bytes=0-3");
        assertEquals(206, first.responseStatus());
        assertEquals("0123", first.responseText());
        assertEquals("bytes 0-3/20", first.sentHeader("Content-Range"));
        assertEquals("4", first.sentHeader("Content-Length"));
        assertEquals("hij", get("/app/file.txt", "Range", "bytes=-3").responseText());
        assertEquals("fghij", get("/app/file.txt", "Range", "bytes=15-").responseText());
        assertEquals("ij", get("/app/file.txt", "Range", "bytes=18-100").responseText());
    }

    @Test
    void unsatisfiableAndMalformedRanges() throws Exception {
        FakeExchange unsatisfiable = get("/app/file.txt", "Range", "bytes=100-200");
        assertEquals(416, unsatisfiable.responseStatus());
        assertEquals("bytes */20", unsatisfiable.sentHeader("Content-Range"));
        assertEquals(200, get("/app/file.txt", "Range", "bytes=5-1").responseStatus());
        assertEquals(200, get("/app/file.txt", "Range", "items=0-1").responseStatus());
        assertEquals(200, get("/app/file.txt", "Range", "bytes=0-1", "If-Range", "\"stale\"").responseStatus());
        assertEquals(206, get("/app/file.txt", "Range", "bytes=0-1", "If-Range", etag()).responseStatus());
    }

    @Test
    void multipleRangesAreSentAsMultipartByteranges() throws Exception {
        FakeExchange ex = get("/app/file.txt", "Range", "bytes=0-1,10-12");
        assertEquals(206, ex.responseStatus());
        String type = ex.sentHeader("Content-Type");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        String boundary = type.substring(type.indexOf('=') + 1);
        String expected = "\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/20\r\n\r\n01"
                + "\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 10-12/20\r\n\r\nabc"
                + "\r\n--" + boundary + "--\r\n";
        assertEquals(expected, ex.responseText());
        assertEquals(Integer.toString(expected.length()), ex.sentHeader("Content-Length"));
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
        FakeExchange ex = get("/app/includer");
        assertEquals(200, ex.responseStatus(), ex.responseText());
        assertEquals("before|" + TEXT + "|after", ex.responseText());
        FakeExchange filtered = get("/app/filtered/page.html");
        assertEquals(200, filtered.responseStatus(), filtered.responseText());
        assertEquals("filtered|page", filtered.responseText());
    }

    @Test
    void headSendsTheHeadersOnly() throws Exception {
        FakeExchange ex = app.send(new FakeExchange("HEAD", "/app/file.txt"));
        assertEquals(200, ex.responseStatus());
        assertEquals("20", ex.sentHeader("Content-Length"));
        assertNotNull(ex.sentHeader("ETag"));
        assertEquals(0, ex.responseBytes().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/WEB-INF/web.xml", "/app/WEB-INF/", "/app/web-inf/web.xml", "/app/META-INF/MANIFEST.MF", "/app/WEB-INF",
        "/app/missing.txt", "/app/empty/"})
    void protectedAndMissingResourcesAre404(String target) throws Exception {
        FakeExchange ex = get(target);
        assertEquals(404, ex.responseStatus());
        assertTrue(!ex.responseText().contains("secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/%2e%2e/app/file.txt", "/app/docs/..%2Ffile.txt", "/app/WEB-INF%2fweb.xml", "/app/../x"})
    void pathTricksAre400(String target) throws Exception {
        assertEquals(400, get(target).responseStatus());
    }

    @Test
    void directoriesRedirectToTheirSlashAndServeWelcomeFiles() throws Exception {
        FakeExchange redirect = get("/app/docs?x=1");
        assertEquals(302, redirect.responseStatus());
        assertEquals("/app/docs/?x=1", redirect.sentHeader("Location"));
        assertEquals("docs", get("/app/docs/").responseText());
        assertEquals("<h1>home</h1>", get("/app/").responseText());
        assertEquals("servlet welcome /sub/home", get("/app/sub/").responseText());
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        FakeExchange ex = app.send(new FakeExchange("POST", "/app/file.txt"));
        assertEquals(405, ex.responseStatus());
        assertEquals("GET, HEAD, OPTIONS", ex.sentHeader("Allow"));
        assertNull(app.send(new FakeExchange("OPTIONS", "/app/file.txt")).sentHeader("Content-Type"));
    }
}
