package io.jgunicorn.arquillian;

/** The adapter waits by polling a condition against a deadline, never by sleeping for an event. */
final class Polling {

    private Polling() {}

    static void pause() {
        try {
            Thread.sleep(25); // polling interval only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for jgunicorn", e);
        }
    }
}
