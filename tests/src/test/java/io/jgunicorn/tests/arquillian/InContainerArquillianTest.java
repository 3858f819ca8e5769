package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container tests: hello's classes in a ShrinkWrap WAR, which Arquillian's servlet protocol
 * enriches with this class, JUnit and its runner servlet; every test method below runs inside the
 * jgunicorn worker process, in the web application's class loader, and only its result travels back.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerArquillianTest {

    @Deployment
    static WebArchive inside() {
        // runs in the test JVM: its pid travels in the archive for the worker side to compare
        return Archives.helloClasses("inside.war")
                .addAsResource(new StringAsset(Long.toString(ProcessHandle.current().pid())), "client.pid");
    }

    @ArquillianResource
    ServletContext context;

    @ArquillianResource
    URL base;

    @Test
    void runsInAWorkerProcessNotInTheTestJvm() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("client.pid")) {
            assertNotNull(in, "client.pid is in WEB-INF/classes only");
            long testJvm = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertNotEquals(testJvm, ProcessHandle.current().pid());
        }
        assertTrue(ProcessHandle.current().info().commandLine().orElse("").contains("WorkerMain"),
                ProcessHandle.current().info().commandLine().orElse("?"));
    }

    @Test
    void runsInTheWebApplicationClassLoaderThatHidesTheServer() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        assertTrue(loader.getName().startsWith("webapp:"), loader.toString());
        assertSame(loader, Thread.currentThread().getContextClassLoader());
        assertSame(loader, loader.loadClass("io.jgunicorn.examples.hello.HelloServlet").getClassLoader());
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.jgunicorn.container.worker.WorkerMain"));
    }

    @Test
    void theServletContextIsTheDeployedApplications() {
        assertEquals("/inside", context.getContextPath());
        assertEquals("ran", context.getAttribute("hello.listener"), "hello's listener started this context");
        assertEquals("io.jgunicorn.examples.hello.HelloServlet", context.getServletRegistration("hello").getClassName());
        assertNotNull(context.getServletRegistration("ArquillianServletRunnerEE9"), "the protocol's web-fragment");
    }

    @Test
    void theApplicationAnswersTheWorkerOverLoopback() throws Exception {
        // base comes from the test JVM through the protocol's command channel
        assertEquals("/inside/", base.getPath());
        HttpResponse<String> r;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            r = client.send(HttpRequest.newBuilder(base.toURI()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Hello from jgunicorn!") && r.body().contains("listener: ran"), r.body());
        // one worker (arquillian.xml): the request was served by the process running this test
        assertEquals(String.valueOf(ProcessHandle.current().pid()), r.headers().firstValue("X-Worker-Pid").orElseThrow());
    }
}
