package io.jgunicorn.container;

import java.util.Map;

/** The environment a binary upgrade (USR2) passes from the old arbiter to the new one. */
final class Upgrade {

    /** Number of listening sockets passed on fds 3, 4, ... */
    static final String FD_ENV = "JGUNICORN_FD";
    /** The old arbiter's pid: the new one writes {@code <pidfile>.2} until that process exits. */
    static final String PARENT_ENV = "JGUNICORN_PARENT_PID";

    private Upgrade() {}

    static long oldArbiter(Map<String, String> env) {
        String p = env.get(PARENT_ENV);
        return p == null || !p.matches("\\d+") ? 0 : Long.parseLong(p);
    }
}
