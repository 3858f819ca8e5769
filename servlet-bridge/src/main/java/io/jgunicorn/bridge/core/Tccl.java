package io.jgunicorn.bridge.core;

import jakarta.servlet.ServletException;
import java.io.IOException;

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

    /** A call into servlets or filters: keeps their two checked exceptions apart (E would widen to Exception). */
    @FunctionalInterface
    public interface ServletAction {
        void run() throws ServletException, IOException;
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

    public static void service(ClassLoader loader, ServletAction action) throws ServletException, IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            action.run();
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
