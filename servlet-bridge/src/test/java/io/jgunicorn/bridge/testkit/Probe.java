package io.jgunicorn.bridge.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what test servlets, filters and listeners saw, for assertions; cleared by each test. */
public final class Probe {

    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private Probe() {}

    public static void clear() {
        EVENTS.clear();
    }

    public static void record(String event) {
        EVENTS.add(event);
    }

    public static List<String> events() {
        return List.copyOf(EVENTS);
    }
}
