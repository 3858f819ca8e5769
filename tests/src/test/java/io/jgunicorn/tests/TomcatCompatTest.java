package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.tests.tomcat.FailingServlet;
import io.jgunicorn.tests.tomcat.ProbeServlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A WAR written for Tomcat, run unchanged: a load-on-startup servlet that fails, a session holding
 * an object that is not serializable (with the default shared session store), Tomcat's own filters
 * declared in web.xml and its logging API. One server for all of it with Tomcat's defaults, then
 * the two settings that make jgunicorn strict again.
 */
class TomcatCompatTest {

    static final Duration LONG = Duration.ofSeconds(60);
    static Path war;
    static Jgunicorn server;

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true">
              <filter>
                <filter-name>cors</filter-name>
                <filter-class>org.apache.catalina.filters.CorsFilter</filter-class>
                <init-param><param-name>cors.allowed.origins</param-name><param-value>https://app.example</param-value></init-param>
              </filter>
              <filter>
                <filter-name>headers</filter-name>
                <filter-class>org.apache.catalina.filters.HttpHeaderSecurityFilter</filter-class>
                <init-param><param-name>hstsEnabled</param-name><param-value>false</param-value></init-param>
              </filter>
              <filter>
                <filter-name>encoding</filter-name>
                <filter-class>org.apache.catalina.filters.SetCharacterEncodingFilter</filter-class>
                <init-param><param-name>encoding</param-name><param-value>UTF-8</param-value></init-param>
              </filter>
              <filter-mapping><filter-name>cors</filter-name><url-pattern>/probe/*</url-pattern></filter-mapping>
              <filter-mapping><filter-name>headers</filter-name><url-pattern>/*</url-pattern></filter-mapping>
              <filter-mapping><filter-name>encoding</filter-name><url-pattern>/*</url-pattern></filter-mapping>
              <servlet>
                <servlet-name>failing</servlet-name>
                <servlet-class>io.jgunicorn.tests.tomcat.FailingServlet</servlet-class>
                <load-on-startup>1</load-on-startup>
              </servlet>
              <servlet><servlet-name>probe</servlet-name><servlet-class>io.jgunicorn.tests.tomcat.ProbeServlet</servlet-class></servlet>
              <servlet-mapping><servlet-name>failing</servlet-name><url-pattern>/failing</url-pattern></servlet-mapping>
              <servlet-mapping><servlet-name>probe</servlet-name><url-pattern>/probe/*</url-pattern></servlet-mapping>
            </web-app>
            """;

    @BeforeAll
    static void start() throws Exception {
        war = Files.createTempDirectory("tomcat-compat").resolve("shop.war");
        Files.write(war, war(WEB_XML, FailingServlet.class, ProbeServlet.class, ProbeServlet.Cart.class));
        server = Jgunicorn.start("-w", "1", war.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static byte[] war(String webXml, Class<?>... classes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", webXml.getBytes(StandardCharsets.UTF_8));
        for (Class<?> c : classes) {
            String file = c.getName().replace('.', '/') + ".class";
            try (InputStream in = c.getResourceAsStream("/" + file)) {
                entries.put("WEB-INF/classes/" + file, in.readAllBytes());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static Http.Response get(String target, String... headers) throws IOException {
        StringBuilder raw = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String h : headers) {
            raw.append(h).append("\r\n");
        }
        return Http.exchange(server.port(), raw.append("\r\n").toString());
    }

    @Test
    void aFailingLoadOnStartupServletAnswers503WhileTheRestOfTheApplicationRuns() throws Exception {
        assertEquals(200, get("/probe/x").status());
        for (int i = 0; i < 3; i++) {
            Http.Response r = get("/failing");
            assertEquals(503, r.status(), r.text());
        }
        Pattern cause = Pattern.compile("servlet failing failed to start.*");
        server.awaitLine(cause, LONG);
        assertEquals(1, server.count(cause), server.output());
        assertTrue(server.output().contains("database unreachable (FailingServlet)"), server.output());
        assertEquals(1, server.count(Pattern.compile(".*database unreachable \\(FailingServlet\\).*")), server.output());
    }

    @Test
    void aSessionAttributeThatIsNotSerializableStaysInTheWorkersMemoryWithOneWarning() throws Exception {
        Http.Response put = get("/probe/session-put?items=apples");
        assertEquals(200, put.status(), put.text());
        String cookie = put.header("set-cookie").split(";")[0];
        Http.Response again = get("/probe/session-put?items=pears", "Cookie: " + cookie);
        assertEquals(200, again.status(), again.text());
        Http.Response read = get("/probe/session-get", "Cookie: " + cookie);
        assertEquals("cart=pears visits=1", read.text());
        Pattern warning = Pattern.compile(".*Session attribute 'cart' \\(io\\.jgunicorn\\.tests\\.tomcat\\.ProbeServlet\\$Cart\\) is not serializable.*other workers will not see it.*");
        server.awaitLine(warning, LONG);
        assertEquals(1, server.count(warning), server.output());
    }

    @Test
    void tomcatsFiltersAndJuliAreThereAndTheRestOfTomcatIsNot() throws Exception {
        Http.Response cors = get("/probe/x", "Origin: https://app.example");
        assertEquals(200, cors.status(), cors.text());
        assertEquals("https://app.example", cors.header("access-control-allow-origin"));
        assertEquals("nosniff", cors.header("x-content-type-options"));
        assertEquals(403, get("/probe/x", "Origin: https://evil.example").status());
        Http.Response classes = get("/probe/classes?name=org.apache.catalina.filters.RemoteIpFilter"
                + "&name=org.apache.juli.logging.LogFactory&name=org.apache.catalina.core.StandardContext"
                + "&name=org.apache.catalina.connector.Request&name=org.apache.tomcat.util.buf.ByteChunk");
        assertEquals("""
                org.apache.catalina.filters.RemoteIpFilter=true
                org.apache.juli.logging.LogFactory=true
                org.apache.catalina.core.StandardContext=false
                org.apache.catalina.connector.Request=false
                org.apache.tomcat.util.buf.ByteChunk=false
                """, classes.text());
        Http.Response juli = get("/probe/juli");
        assertEquals(200, juli.status(), juli.text());
        server.awaitLine(Pattern.compile(".*logged through JULI by ProbeServlet.*"), LONG);
    }

    @Test
    void theStrictSettingsFailTheDeployAndRefuseTheAttribute() throws Exception {
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", "-w", "1",
                "--fail-ctx-if-servlet-start-fails", war.toString()), Map.of(), null)) {
            assertEquals(4, j.awaitExit(LONG), j.output());
            assertTrue(j.output().contains("database unreachable (FailingServlet)"), j.output());
        }
        Path strict = war.resolveSibling("strict.war");
        Files.write(strict, war(WEB_XML.replace("<load-on-startup>1</load-on-startup>", ""),
                FailingServlet.class, ProbeServlet.class, ProbeServlet.Cart.class));
        try (Jgunicorn j = Jgunicorn.start("-w", "1", "--session-require-serializable", strict.toString())) {
            Http.Response r = Http.get(j.port(), "/probe/session-put?items=apples");
            assertEquals(500, r.status(), r.text());
            assertTrue(j.output().contains("ProbeServlet$Cart"), j.output());
        }
    }
}
