package io.jgunicorn.container;

import java.util.Map;

/** The environment a binary upgrade (USR2) passes from the old arbiter to the new one. */
final class Upgrade {

    /** Number of listening sockets passed on fds 3, 4, ... */
    static final String FD_ENV = "JGUNICORN_FD";
    /** Per socket passed, {@code 1} when the old arbiter owned it (bound it, or got it so): {@code 1,0,...}. */
    static final String FD_OURS_ENV = "JGUNICORN_FD_OURS";
    /** The old arbiter's pid: the new one writes {@code <pidfile>.2} until that process exits. */
    static final String PARENT_ENV = "JGUNICORN_PARENT_PID";

    private Upgrade() {}

    /** Whether the {@code index}-th socket a USR2 passed was the old arbiter's own. */
    static boolean ours(Map<String, String> env, int index) {
        String[] flags = env.getOrDefault(FD_OURS_ENV, "").split(",");
        return env.get(FD_ENV) != null && index < flags.length && flags[index].equals("1");
    }

    static long oldArbiter(Map<String, String> env) {
        String p = env.get(PARENT_ENV);
        return p == null || !p.matches("\\d+") ? 0 : Long.parseLong(p);
    }
}
