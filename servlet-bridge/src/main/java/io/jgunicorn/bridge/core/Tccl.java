package io.jgunicorn.bridge.core;

/**
 * Runs application code with the webapp's class loader as the thread context class loader, as the
 * spec requires for every call into the application (frameworks look up resources through it).
 */
public final class Tccl {

    private Tccl() {}

    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        T run() throws E;
    }

    @FunctionalInterface
    public interface VoidAction<E extends Exception> {
        void run() throws E;
    }

    public static <T, E extends Exception> T call(ClassLoader loader, Action<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous == loader) {
            return action.run();
        }
        thread.setContextClassLoader(loader);
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static <E extends Exception> void run(ClassLoader loader, VoidAction<E> action) throws E {
        call(loader, () -> {
            action.run();
            return null;
        });
    }
}
