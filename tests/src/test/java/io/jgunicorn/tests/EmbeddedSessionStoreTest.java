package io.jgunicorn.tests;

/** The default store: one SQLite file shared by the arbiter's workers, no server to run. */
class EmbeddedSessionStoreTest extends SharedSessionContract {
    @Override String startStore() { return "embedded"; }
    @Override void stopStore() {}
}
