package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container tests in other shapes of archive: the Jersey sample as built (its servlet comes from
 * Jersey's ServletContainerInitializer, next to the protocol's from a web-fragment), and a plain
 * JAR, which the protocol wraps in a WAR of its own with the JAR in {@code WEB-INF/lib}.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerArchivesTest {

    @Deployment(name = "jersey")
    static WebArchive jersey() {
        return Archives.exampleWar("jersey", "jersey-inside.war");
    }

    @Deployment(name = "jar")
    static JavaArchive jar() {
        return ShrinkWrap.create(JavaArchive.class, "plain.jar");
    }

    @ArquillianResource
    ServletContext context;

    @Test
    @OperateOnDeployment("jersey")
    void jerseysInitializerAndTheProtocolsFragmentBothRegisterTheirServlets() throws Exception {
        assertEquals("/jersey-inside", context.getContextPath());
        ServletRegistration jersey = context.getServletRegistration("io.jgunicorn.examples.jersey.JerseyExample");
        assertNotNull(jersey, context.getServletRegistrations().keySet().toString());
        assertTrue(jersey.getMappings().contains("/api/*"), jersey.getMappings().toString());
        assertNotNull(context.getServletRegistration("ArquillianServletRunnerEE9"));
        ClassLoader loader = getClass().getClassLoader();
        assertSame(loader, loader.loadClass("org.glassfish.jersey.servlet.ServletContainer").getClassLoader(),
                "Jersey from WEB-INF/lib, in the loader that runs this test");
    }

    @Test
    @OperateOnDeployment("jar")
    void aJarDeploymentRunsFromWebInfLibOfTheWarTheProtocolMakes() {
        assertTrue(context.getContextPath().startsWith("/test-"), context.getContextPath());
        String from = getClass().getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(from.endsWith("/WEB-INF/lib/plain.jar"), from);
    }
}
