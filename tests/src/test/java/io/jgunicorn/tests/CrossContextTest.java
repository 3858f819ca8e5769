package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.tests.crossctx.CallerServlet;
import io.jgunicorn.tests.crossctx.TargetServlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cross-context}: two WARs of a deploy directory, one dispatching into the other over HTTP. */
class CrossContextTest {

    private static final Duration DEPLOYED = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    /** A WAR holding one servlet class (copied from the test classes) mapped by web.xml. */
    private static byte[] war(Class<?> servlet, String pattern) throws IOException {
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true">
                  <servlet><servlet-name>s</servlet-name><servlet-class>%s</servlet-class></servlet>
                  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>%s</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(servlet.getName(), pattern);
        String classFile = servlet.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); InputStream in = servlet.getResourceAsStream("/" + classFile)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(webXml.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + classFile));
            in.transferTo(zip);
        }
        return bytes.toByteArray();
    }

    private Path webapps() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("webapps"));
        WarFiles.drop(dir.resolve("caller.war"), war(CallerServlet.class, "/*"));
        WarFiles.drop(dir.resolve("target.war"), war(TargetServlet.class, "/show"));
        return dir;
    }

    private static Jgunicorn start(Path webapps, String... more) throws IOException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--deploy-dir", webapps.toString(), "-w", "1"));
        args.addAll(java.util.List.of(more));
        return Jgunicorn.start(args.toArray(String[]::new));
    }

    private static String body(int port, String target) {
        try {
            Http.Response r = Http.get(port, target);
            return r.status() + " " + r.text();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Both applications deployed: the target answers directly. */
    private static void awaitDeployed(int port) {
        Jgunicorn.await("/target/show and /caller/ deployed", DEPLOYED,
                () -> body(port, "/target/show").startsWith("200 ") && body(port, "/caller/lookup").startsWith("200 "));
    }

    @Test
    void withCrossContextAnAppForwardsToAndIncludesAnotherAppOfTheWorker() throws Exception {
        try (Jgunicorn j = start(webapps(), "--cross-context")) {
            int port = j.port();
            awaitDeployed(port);
            assertEquals("200 getContext(/target) = /target", body(port, "/caller/lookup"));
            assertEquals("200 target FORWARD via=forward context=/target contextPath=/target forwardedFrom=/caller"
                    + " includeContext=null loaderIsMine=true", body(port, "/caller/forward"));
            assertEquals("200 caller[target INCLUDE via=include context=/target contextPath=/caller forwardedFrom=null"
                    + " includeContext=/target loaderIsMine=true]", body(port, "/caller/include"));

            // each application keeps its own session; the caller's cookie carries the id for both
            Http.Response first = Http.get(port, "/caller/session");
            assertTrue(first.text().startsWith("caller owner=null; target INCLUDE"), first.text());
            assertTrue(first.text().endsWith(" owner=null"), first.text());
            String setCookie = first.header("Set-Cookie");
            assertNotNull(setCookie, "the caller's session cookie");
            assertTrue(setCookie.contains("Path=/caller"), setCookie);
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            Http.Response second = Http.exchange(port, "GET /caller/session HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(second.text().startsWith("caller owner=caller; target INCLUDE"), second.text());
            assertTrue(second.text().endsWith(" owner=target"), second.text());
        }
    }

    @Test
    void withoutCrossContextGetContextGivesNull() throws Exception {
        try (Jgunicorn j = start(webapps())) {
            int port = j.port();
            awaitDeployed(port);
            assertEquals("200 getContext(/target) = null", body(port, "/caller/lookup"));
            assertEquals("200 getContext(/target) = null", body(port, "/caller/forward"));
        }
    }
}
