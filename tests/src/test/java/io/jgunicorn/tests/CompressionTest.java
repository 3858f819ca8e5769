package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.tests.tomcat.CompressionServlet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --compression on}, as Tomcat's connector: static files and a streamed servlet body gzipped
 * for clients that accept it, with Vary and a weak ETag; small bodies, ranges, bodies the
 * application encoded itself and types outside compressible_mime_types sent as they are. One
 * server per worker class, all four.
 */
class CompressionTest {

    static final Map<String, Jgunicorn> SERVERS = new ConcurrentHashMap<>();
    static final byte[] BIG = "a line of text that compresses well\n".repeat(200).getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        Path war = Files.createTempDirectory("compression").resolve("gz.war");
        Files.write(war, war());
        for (String k : JspTest.CLASSES) {
            SERVERS.put(k, Jgunicorn.start("-k", k, "-w", "1", "--compression", "on", "--compression-min-size", "1024", war.toString()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Jgunicorn j : SERVERS.values()) {
            j.close();
        }
    }

    static byte[] war() throws IOException {
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true">
                  <servlet><servlet-name>c</servlet-name><servlet-class>io.jgunicorn.tests.tomcat.CompressionServlet</servlet-class></servlet>
                  <servlet-mapping><servlet-name>c</servlet-name><url-pattern>/servlet/*</url-pattern></servlet-mapping>
                </web-app>
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(webXml.getBytes(StandardCharsets.UTF_8));
            String classFile = CompressionServlet.class.getName().replace('.', '/') + ".class";
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + classFile));
            try (InputStream in = CompressionServlet.class.getResourceAsStream("/" + classFile)) {
                in.transferTo(zip);
            }
            zip.putNextEntry(new ZipEntry("big.txt"));
            zip.write(BIG);
            zip.putNextEntry(new ZipEntry("small.txt"));
            zip.write("short".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("big.png"));
            zip.write(BIG);
        }
        return bytes.toByteArray();
    }

    private static Http.Response get(Jgunicorn j, String target, String... headers) throws IOException {
        StringBuilder raw = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String h : headers) {
            raw.append(h).append("\r\n");
        }
        return Http.exchange(j.port(), raw.append("\r\n").toString());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void compressibleBodiesAreGzippedForClientsThatAcceptIt(String k) throws Exception {
        Jgunicorn j = SERVERS.get(k);
        Http.Response plain = get(j, "/big.txt");
        assertEquals(200, plain.status());
        assertNull(plain.header("content-encoding"));
        assertEquals("Accept-Encoding", plain.header("vary"));
        assertEquals(String.valueOf(BIG.length), plain.header("content-length"));
        String strong = plain.header("etag");
        assertTrue(strong.startsWith("\""), strong);

        Http.Response gz = get(j, "/big.txt", "Accept-Encoding: br;q=1.0, gzip;q=0.8");
        assertEquals(200, gz.status());
        assertEquals("gzip", gz.header("content-encoding"));
        assertEquals("Accept-Encoding", gz.header("vary"));
        assertNull(gz.header("content-length"));
        assertEquals("W/" + strong, gz.header("etag"));
        assertTrue(gz.body().length < BIG.length / 5, "compressed to " + gz.body().length);
        assertArrayEquals(BIG, gunzip(gz.body()));
        assertEquals(304, get(j, "/big.txt", "Accept-Encoding: gzip", "If-None-Match: W/" + strong).status());

        Http.Response refused = get(j, "/big.txt", "Accept-Encoding: gzip;q=0, *");
        assertNull(refused.header("content-encoding"), "gzip;q=0 refuses gzip whatever * says");

        Http.Response streamed = get(j, "/servlet/stream", "Accept-Encoding: gzip");
        assertEquals("gzip", streamed.header("content-encoding"));
        String json = new String(gunzip(streamed.body()), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("[{\"n\":0},") && json.endsWith("{\"n\":499},{}]"), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void smallBodiesRangesEncodedBodiesAndOtherTypesGoAsTheyAre(String k) throws Exception {
        Jgunicorn j = SERVERS.get(k);
        Http.Response small = get(j, "/small.txt", "Accept-Encoding: gzip");
        assertNull(small.header("content-encoding"));
        assertEquals("Accept-Encoding", small.header("vary"));
        assertEquals("short", small.text());

        Http.Response range = get(j, "/big.txt", "Accept-Encoding: gzip", "Range: bytes=0-9");
        assertEquals(206, range.status());
        assertNull(range.header("content-encoding"));
        assertEquals("a line of ", range.text());

        Http.Response encoded = get(j, "/servlet/encoded", "Accept-Encoding: gzip");
        assertEquals("gzip", encoded.header("content-encoding"));
        assertTrue(new String(gunzip(encoded.body()), StandardCharsets.UTF_8).startsWith("already gzipped by the application"),
                "gzipped once, by the application");

        Http.Response png = get(j, "/big.png", "Accept-Encoding: gzip");
        assertNull(png.header("content-encoding"));
        assertNull(png.header("vary"));
        assertArrayEquals(BIG, png.body());
    }
}
