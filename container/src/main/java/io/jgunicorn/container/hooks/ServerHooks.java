package io.jgunicorn.container.hooks;

/**
 * Gunicorn's server hooks, as a Java interface. Name a class implementing it in the
 * {@code server_hooks} setting (with {@code classpath} if it lives outside jgunicorn); it needs a
 * public no-argument constructor. Every method has an empty default, so implement only what you need.
 *
 * <p>Each hook runs in the process Gunicorn runs it in: the arbiter ({@code A}) or the worker
 * ({@code W}). A hook that throws is logged and does not stop the server, except
 * {@code onStarting}, whose failure stops the start (as a broken config would), and
 * {@code postFork}, whose failure is the worker's boot error (exit code 3), as in Gunicorn.
 */
public interface ServerHooks {

    /** A: before the arbiter binds and spawns. */
    default void onStarting(Server server) throws Exception {}

    /** A: on HUP, before the new generation of workers is spawned. */
    default void onReload(Server server) throws Exception {}

    /** A: once the first worker serves. */
    default void whenReady(Server server) throws Exception {}

    /** A: just before a worker is spawned. */
    default void preFork(Server server, WorkerInfo worker) throws Exception {}

    /** W: first thing in a new worker, before the app is loaded. */
    default void postFork(Server server, WorkerInfo worker) throws Exception {}

    /** W: after the worker has loaded the application. */
    default void postWorkerInit(WorkerInfo worker) throws Exception {}

    /** W: when the worker is told to stop quickly (INT). */
    default void workerInt(WorkerInfo worker) throws Exception {}

    /** W: when the worker timed out, after its thread dump and before it is killed. */
    default void workerAbort(WorkerInfo worker) throws Exception {}

    /** A: in the old arbiter, before a new arbiter is started (USR2). */
    default void preExec(Server server) throws Exception {}

    /** W: before the application handles a request. */
    default void preRequest(WorkerInfo worker, RequestInfo request) throws Exception {}

    /** W: after the application handled a request. */
    default void postRequest(WorkerInfo worker, RequestInfo request, int status) throws Exception {}

    /** A: after a worker process has exited and been reaped. */
    default void childExit(Server server, WorkerInfo worker) throws Exception {}

    /** W: in the worker, just before it exits. */
    default void workerExit(Server server, WorkerInfo worker) throws Exception {}

    /** A: after the number of workers changed (TTIN, TTOU, reload). */
    default void nworkersChanged(Server server, int newValue, int oldValue) throws Exception {}

    /** A: just before the arbiter exits. */
    default void onExit(Server server) throws Exception {}
}
