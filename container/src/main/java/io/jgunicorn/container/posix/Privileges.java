package io.jgunicorn.container.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Gunicorn's {@code user}, {@code group}, {@code umask} and {@code initgroups} for a worker JVM.
 * posix_spawn cannot change a child's uid, so the worker changes its own credentials early,
 * through libc (glibc applies setuid/setgid to every thread of the process).
 */
public final class Privileges {

    private static final MethodHandle GETPWNAM = Posix.fn("getpwnam", ADDRESS, ADDRESS);
    private static final MethodHandle GETGRNAM = Posix.fn("getgrnam", ADDRESS, ADDRESS);
    private static final MethodHandle GETPWUID = Posix.fn("getpwuid", ADDRESS, JAVA_INT);
    private static final MethodHandle GETEUID = Posix.fn("geteuid", JAVA_INT);
    private static final MethodHandle SETUID = Posix.errnoFn("setuid", JAVA_INT, JAVA_INT);
    private static final MethodHandle SETGID = Posix.errnoFn("setgid", JAVA_INT, JAVA_INT);
    private static final MethodHandle SETGROUPS = Posix.errnoFn("setgroups", JAVA_INT, java.lang.foreign.ValueLayout.JAVA_LONG, ADDRESS);
    private static final MethodHandle INITGROUPS = Posix.errnoFn("initgroups", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle CHOWN = Posix.errnoFn("chown", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle UMASK = Posix.fn("umask", JAVA_INT, JAVA_INT);

    /** struct passwd on glibc/x86_64 and aarch64: name, passwd (pointers), then pw_uid, pw_gid. */
    private static final long PW_UID = 16, PW_GID = 20, PW_NAME = 0;
    /** struct group: gr_name, gr_passwd (pointers), then gr_gid. */
    private static final long GR_GID = 16;

    private Privileges() {}

    /** Who to become: uid and gid (-1 = unchanged) and the user name for initgroups. */
    public record Target(int uid, int gid, String userName) {}

    /**
     * Resolves {@code user} and {@code group} (names or numbers); a user without a group takes the
     * user's primary group, as Gunicorn does.
     *
     * @throws IllegalArgumentException naming the setting when a name is unknown
     */
    public static Target resolve(String user, String group) {
        int uid = -1;
        int gid = -1;
        String name = null;
        try (Arena arena = Arena.ofConfined()) {
            if (user != null) {
                MemorySegment pw = user.matches("\\d+") ? (MemorySegment) GETPWUID.invokeExact(Integer.parseInt(user))
                        : (MemorySegment) GETPWNAM.invokeExact(arena.allocateFrom(user));
                if (pw.equals(MemorySegment.NULL)) {
                    if (!user.matches("\\d+")) {
                        throw new IllegalArgumentException("setting 'user': no such user '" + user + "'");
                    }
                    uid = Integer.parseInt(user);
                } else {
                    pw = pw.reinterpret(48);
                    uid = pw.get(JAVA_INT, PW_UID);
                    gid = pw.get(JAVA_INT, PW_GID);
                    name = pw.get(ADDRESS, PW_NAME).reinterpret(256).getString(0);
                }
            }
            if (group != null) {
                if (group.matches("\\d+")) {
                    gid = Integer.parseInt(group);
                } else {
                    MemorySegment gr = (MemorySegment) GETGRNAM.invokeExact(arena.allocateFrom(group));
                    if (gr.equals(MemorySegment.NULL)) {
                        throw new IllegalArgumentException("setting 'group': no such group '" + group + "'");
                    }
                    gid = gr.reinterpret(24).get(JAVA_INT, GR_GID);
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot look up user/group: " + t, t);
        }
        return new Target(uid, gid, name);
    }

    public static int geteuid() {
        try {
            return (int) GETEUID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Sets the umask; returns the previous one. */
    public static int umask(int mask) {
        try {
            return (int) UMASK.invokeExact(mask);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Gives {@code file} to the target user (so it can still write it after {@link #become}). */
    public static void chown(Path file, Target t) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Posix.callState(arena);
            int r = (int) CHOWN.invokeExact(state, arena.allocateFrom(file.toString()), t.uid(), t.gid());
            check(r, state, "chown " + file);
        } catch (PosixException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Changes this process's credentials: supplementary groups (the user's with {@code initgroups},
     * otherwise only the new group), then the gid, then the uid (last, while still allowed).
     */
    public static void become(Target t, boolean initgroups) throws PosixException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Posix.callState(arena);
            if (t.gid() >= 0) {
                int r;
                if (initgroups && t.userName() != null) {
                    r = (int) INITGROUPS.invokeExact(state, arena.allocateFrom(t.userName()), t.gid());
                } else {
                    r = (int) SETGROUPS.invokeExact(state, 1L, arena.allocateFrom(JAVA_INT, t.gid()));
                }
                check(r, state, "setgroups");
                check((int) SETGID.invokeExact(state, t.gid()), state, "setgid " + t.gid());
            }
            if (t.uid() >= 0) {
                check((int) SETUID.invokeExact(state, t.uid()), state, "setuid " + t.uid());
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(int r, MemorySegment state, String what) throws PosixException {
        if (r != 0) {
            throw Posix.fail(what, state);
        }
    }
}
