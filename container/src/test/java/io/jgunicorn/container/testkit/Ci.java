package io.jgunicorn.container.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether the tests run under CI, where a test must not skip for want of something beside the
 * checkout (the conformance corpus in {@code ../shared}, the python3 that runs its harness): there
 * a missing prerequisite fails the test, so a broken CI machine cannot pass by skipping. CI is the
 * environment variable {@code CI} (set by every CI service) or the system property
 * {@code jgunicorn.ci=true}, which {@code .ci/run} passes.
 */
public final class Ci {

    /** The system property {@code .ci/run} sets. */
    public static final String PROPERTY = "jgunicorn.ci";

    private Ci() {}

    /** True under CI. */
    public static boolean active() {
        String env = System.getenv("CI");
        return env != null && !env.isBlank() && !env.equals("false") || Boolean.getBoolean(PROPERTY);
    }

    /**
     * Goes on when {@code present}; else skips the test, or fails it under CI.
     *
     * @param what what is missing, for the message
     */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (active()) {
            throw new AssertionError(what + " (under CI a missing prerequisite fails the test instead of skipping it)");
        }
        Assumptions.abort(what);
    }
}
