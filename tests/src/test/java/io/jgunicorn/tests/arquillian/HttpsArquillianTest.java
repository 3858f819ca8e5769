package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.tests.Jgunicorn;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code https} qualifier of arquillian.xml: the server asks for a client certificate signed by
 * the test CA. Skipped (before anything is deployed) when this jgunicorn has no TLS flags.
 */
@EnabledIf("tlsAvailable")
@ExtendWith(ArquillianExtension.class)
class HttpsArquillianTest {

    static final Path TLS = Path.of(System.getProperty("basedir", "."), "src/test/resources/tls");
    static final char[] PASSWORD = "changeit".toCharArray();

    @Deployment(testable = false)
    @TargetsContainer("https")
    static WebArchive secure() {
        return Archives.helloClasses("secure.war");
    }

    @ArquillianResource
    URL base;

    static boolean tlsAvailable() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Jgunicorn.root().resolve("jgunicorn").toString(), "--help")
                .redirectErrorStream(true).start();
        String help;
        try (InputStream in = p.getInputStream()) {
            help = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return help.contains("--certfile") && help.contains("--ca-certs") && help.contains("--cert-reqs");
    }

    @Test
    void aClientWithACertificateGetsAnswersOverTls() throws Exception {
        assertEquals("https", base.getProtocol());
        assertEquals("/secure/", base.getPath());
        HttpResponse<String> r = client(true).send(Client.request(base, "").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Hello from jgunicorn!"), r.body());
    }

    @Test
    void aClientWithoutACertificateIsRefused() {
        assertThrows(IOException.class, () -> client(false).send(Client.request(base, "").build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    static HttpClient client(boolean withCertificate) throws Exception {
        return HttpClient.newBuilder().sslContext(sslContext(withCertificate)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Trusts the test CA; presents the test client certificate when {@code withCertificate}. */
    static SSLContext sslContext(boolean withCertificate) throws Exception {
        KeyStore trust = load("truststore.p12");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(withCertificate ? load("client.p12") : null, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(withCertificate ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static KeyStore load(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TLS.resolve(name))) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }
}
