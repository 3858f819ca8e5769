package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.junit5.IdentifiedTestException;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

/** What an in-container test's outcome looks like in the JUnit run: {@link InContainerProbe}, launched here. */
class InContainerResultsTest {

    @Test
    void passesFailuresAndExceptionsFromTheWorkerReachTheJUnitRun() {
        Map<String, TestExecutionResult> results = run(InContainerProbe.class);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("passesInside").getStatus(), results.toString());

        Throwable failed = thrown(results.get("failsInside"));
        assertInstanceOf(AssertionFailedError.class, failed);
        assertTrue(failed.getMessage().startsWith(InContainerProbe.FAILED), failed.getMessage());
        assertNotEquals(ProcessHandle.current().pid(), pid(failed, InContainerProbe.FAILED), "failed in the worker");

        // Arquillian's JUnit 5 extension rethrows assertion errors as they are, other exceptions as
        // the cause of its IdentifiedTestException
        Throwable thrown = thrown(results.get("throwsInside"));
        assertInstanceOf(IdentifiedTestException.class, thrown);
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertNotEquals(ProcessHandle.current().pid(), pid(thrown.getCause(), InContainerProbe.THROWN));
    }

    private static Throwable thrown(TestExecutionResult result) {
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), String.valueOf(result));
        return result.getThrowable().orElseThrow();
    }

    private static long pid(Throwable t, String prefix) {
        return Long.parseLong(t.getMessage().substring(prefix.length()).strip());
    }

    private static Map<String, TestExecutionResult> run(Class<?> testClass) {
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                id.getSource().filter(MethodSource.class::isInstance)
                        .ifPresent(s -> results.put(((MethodSource) s).getMethodName(), result));
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return results;
    }
}
