package io.jgunicorn.tests;

/** Sessions in a real PostgreSQL cluster started on a loopback port for this test. */
class PostgresSessionStoreTest extends SharedSessionContract {

    private SessionServers.Postgres postgres;

    @Override
    String startStore() throws Exception {
        postgres = SessionServers.Postgres.start();
        return postgres.url();
    }

    @Override
    void stopStore() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
