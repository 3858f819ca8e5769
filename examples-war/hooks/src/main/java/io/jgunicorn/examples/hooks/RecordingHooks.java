package io.jgunicorn.examples.hooks;

import io.jgunicorn.container.hooks.RequestInfo;
import io.jgunicorn.container.hooks.Server;
import io.jgunicorn.container.hooks.ServerHooks;
import io.jgunicorn.container.hooks.WorkerInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Server hooks that append one line per call to the file named by {@code HOOKS_LOG}:
 * {@code <hook> <pid of the process running it> <details>}. Set {@code HOOKS_FAIL_POST_FORK=1}
 * (for example with {@code -e}) to make workers fail to boot, as a broken post_fork would.
 *
 * <pre>jgunicorn --hooks io.jgunicorn.examples.hooks.RecordingHooks --classpath hooks.jar app.war</pre>
 */
public class RecordingHooks implements ServerHooks {

    private void record(String hook, String details) {
        String file = System.getenv("HOOKS_LOG");
        if (file == null) {
            return;
        }
        String line = hook + " " + ProcessHandle.current().pid() + (details.isEmpty() ? "" : " " + details) + "\n";
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void onStarting(Server server) {
        record("on_starting", "workers=" + server.workers());
    }

    @Override
    public void onReload(Server server) {
        record("on_reload", "");
    }

    @Override
    public void whenReady(Server server) {
        record("when_ready", "");
    }

    @Override
    public void preFork(Server server, WorkerInfo worker) {
        record("pre_fork", "age=" + worker.age());
    }

    @Override
    public void postFork(Server server, WorkerInfo worker) {
        record("post_fork", "age=" + worker.age() + " arbiter=" + server.arbiterPid());
        if ("1".equals(System.getenv("HOOKS_FAIL_POST_FORK"))) {
            throw new IllegalStateException("post_fork failed on purpose (HOOKS_FAIL_POST_FORK=1)");
        }
    }

    @Override
    public void postWorkerInit(WorkerInfo worker) {
        record("post_worker_init", "age=" + worker.age());
    }

    @Override
    public void workerInt(WorkerInfo worker) {
        record("worker_int", "");
    }

    @Override
    public void workerAbort(WorkerInfo worker) {
        record("worker_abort", "");
    }

    @Override
    public void preExec(Server server) {
        record("pre_exec", "");
    }

    @Override
    public void preRequest(WorkerInfo worker, RequestInfo request) {
        record("pre_request", request.method() + " " + request.target());
    }

    @Override
    public void postRequest(WorkerInfo worker, RequestInfo request, int status) {
        record("post_request", request.method() + " " + request.target() + " " + status);
    }

    @Override
    public void childExit(Server server, WorkerInfo worker) {
        record("child_exit", "worker=" + worker.pid() + " code=" + worker.exitCode());
    }

    @Override
    public void workerExit(Server server, WorkerInfo worker) {
        record("worker_exit", "");
    }

    @Override
    public void nworkersChanged(Server server, int newValue, int oldValue) {
        record("nworkers_changed", oldValue + "->" + newValue);
    }

    @Override
    public void onExit(Server server) {
        record("on_exit", "");
    }
}
