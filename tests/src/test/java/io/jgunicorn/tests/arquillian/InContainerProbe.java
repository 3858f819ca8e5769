package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container tests that pass, fail and throw on purpose. Not run by the build on its own (its
 * name matches none of Surefire's patterns): {@link InContainerResultsTest} launches it and checks
 * what reached the JUnit run.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerProbe {

    static final String FAILED = "failed inside pid ";
    static final String THROWN = "thrown inside pid ";

    @Deployment
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "probe.war");
    }

    @Test
    void passesInside() {
        assertTrue(getClass().getClassLoader().getName().startsWith("webapp:"), getClass().getClassLoader().getName());
    }

    @Test
    void failsInside() {
        fail(FAILED + ProcessHandle.current().pid());
    }

    @Test
    void throwsInside() {
        throw new IllegalStateException(THROWN + ProcessHandle.current().pid());
    }
}
