package io.jgunicorn.container.hooks;

/**
 * A worker as hooks see it.
 *
 * @param pid      the worker's pid (0 in preFork: it does not exist yet)
 * @param age      spawn order, 1 for the first worker
 * @param exitCode for childExit: the exit code, or -1 when a signal ended it; else -1
 */
public record WorkerInfo(long pid, int age, int exitCode) {}
