package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An in-container test on the {@code https} qualifier, which asks for client certificates: the
 * servlet protocol reaches the runner over TLS ({@code scheme=https} in arquillian.xml) with the
 * test JVM's default socket factory, which this class points at the test CA and client certificate.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerHttpsTest {

    private static SSLSocketFactory previous;

    @Deployment
    @TargetsContainer("https")
    static WebArchive secureInside() {
        return Archives.helloClasses("secure-inside.war");
    }

    @BeforeAll // in the test JVM only: Arquillian skips class callbacks inside the container
    static void trustTheTestCaAndPresentTheClientCertificate() throws Exception {
        previous = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(HttpsArquillianTest.sslContext(true).getSocketFactory());
    }

    @AfterAll
    static void restoreTheDefaultSocketFactory() {
        HttpsURLConnection.setDefaultSSLSocketFactory(previous);
    }

    @ArquillianResource
    ServletContext context;

    @Test
    void runsInsideTheWorkerBehindTls() {
        assertEquals("/secure-inside", context.getContextPath());
        assertEquals("ran", context.getAttribute("hello.listener"));
        assertTrue(getClass().getClassLoader().getName().startsWith("webapp:"), getClass().getClassLoader().getName());
    }
}
