package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CLIENT-CERT with a WAR written for GlassFish: its {@code WEB-INF/glassfish-web.xml} maps the
 * subject of a client certificate (spaced differently from the certificate's own name) to a role,
 * and the realm does not know that subject. A real TLS handshake with a certificate the server's
 * CA signed logs that client in with the mapped role; a certificate whose subject nothing maps
 * gets 401. A malformed glassfish-web.xml fails the deploy, naming the file.
 */
class ClientCertRoleMappingTest {

    @TempDir
    static Path dir;
    static TlsFiles files;

    /** The spec WAR, its login turned to CLIENT-CERT, with GlassFish's mapping of the admin role. */
    static Path war;

    @BeforeAll
    static void makeKeysAndWar() throws Exception {
        Assumptions.assumeTrue(TlsFiles.opensslAvailable(), "the openssl command makes the test keys");
        files = new TlsFiles(dir);
        files.ec();
        files.clientCa();
        files.clientCert("mapped", "/C=US/O=Example Corp/OU=Ops/CN=mapped client");
        Path spec = Jgunicorn.exampleWar("spec");
        String webXml = WarFiles.entry(spec, "WEB-INF/web.xml");
        assertTrue(webXml.contains("<auth-method>BASIC</auth-method>"), webXml);
        war = Files.write(dir.resolve("gf.war"), WarFiles.with(spec, Map.of(
                "WEB-INF/web.xml", webXml.replace("<auth-method>BASIC</auth-method>", "<auth-method>CLIENT-CERT</auth-method>"),
                "WEB-INF/glassfish-web.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <!DOCTYPE glassfish-web-app PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Servlet 3.0//EN" "http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd">
                        <glassfish-web-app>
                          <security-role-mapping>
                            <role-name>admin</role-name>
                            <principal-name>CN=mapped client, OU=Ops, O=Example Corp, C=US</principal-name>
                          </security-role-mapping>
                        </glassfish-web-app>
                        """)));
    }

    private static Jgunicorn start(String workerClass, Path app) throws IOException {
        return Jgunicorn.start("-k", workerClass, "--certfile", files.path("ec.crt").toString(),
                "--keyfile", files.path("ec1.pem").toString(), "--ca-certs", files.path("ca.crt").toString(),
                "--cert-reqs", "1", app.toString());
    }

    private static Http.Response get(SSLContext ctx, int port, String path) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return Http.read(in, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "gthread", "virtual", "async"})
    void theMappedSubjectLogsInWithItsRoleAndAnUnmappedOneIsRefused(String workerClass) throws Exception {
        try (Jgunicorn j = start(workerClass, war)) {
            Http.Response mapped = get(files.client("ec.crt", "mapped"), j.port(), "/admin/x");
            assertEquals(200, mapped.status(), mapped.text());
            assertTrue(mapped.text().contains("\"user\":\"CN=mapped client,OU=Ops,O=Example Corp,C=US\""), mapped.text());
            assertTrue(mapped.text().contains("\"isAdmin\":true"), mapped.text());
            assertTrue(mapped.text().contains("\"authType\":\"CLIENT_CERT\""), mapped.text());

            Http.Response unmapped = get(files.client("ec.crt", "client"), j.port(), "/admin/x");
            assertEquals(401, unmapped.status(), "CN=test-client: neither the realm nor the mapping names it");
            Http.Response none = get(files.client("ec.crt", (String) null), j.port(), "/admin/x");
            assertEquals(401, none.status(), "no certificate");
        }
    }

    @Test
    void aMalformedGlassFishWebXmlFailsTheDeployNamingTheFile() throws Exception {
        Path broken = Files.write(dir.resolve("broken.war"), WarFiles.with(Jgunicorn.exampleWar("hello"),
                Map.of("WEB-INF/glassfish-web.xml", "<glassfish-web-app><security-role-mapping><role-name>admin</role-name>")));
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "127.0.0.1:0", "--no-control-socket", broken.toString()), Map.of(), null)) {
            assertNotEquals(0, j.awaitExit(Duration.ofSeconds(60)), j.output());
            assertTrue(j.output().contains("WEB-INF/glassfish-web.xml: not well-formed XML"), j.output());
        }
    }
}
