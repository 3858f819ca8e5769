package io.jgunicorn.container.ctl;

import java.util.List;
import java.util.Map;

/**
 * What the control commands act on: the arbiter, seen only through its answers and requests, so
 * this package does not depend on the arbiter's. Every method runs on the arbiter's own loop
 * ({@link ControlCommands#answer}); one that cannot do what it is asked throws
 * {@link IllegalArgumentException} with the reason, which the client prints.
 */
public interface ControlTarget {

    /** {@code show workers}: one map per worker process. */
    List<Map<String, Object>> workersView();

    /** {@code show stats}: counters, listeners, generation. */
    Map<String, Object> stats();

    /** {@code show deployments}; IllegalArgumentException without a deploy directory. */
    List<Map<String, Object>> deploymentsView();

    /** {@code show config}: the settings as text. */
    Map<String, String> configView();

    /** {@code reload}: as HUP. */
    String requestReload();

    /** {@code reopen}: as USR1. */
    String reopenLogs();

    /** {@code shutdown graceful|quick}: as TERM or INT. */
    String requestShutdown(boolean graceful);

    /** {@code worker add|remove N}: {@code sign} +1 or -1. */
    Map<String, Object> changeWorkers(long n, int sign);

    /** {@code worker kill PID}. */
    String killWorker(long pid);
}
