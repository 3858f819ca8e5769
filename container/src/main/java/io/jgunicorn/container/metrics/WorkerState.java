package io.jgunicorn.container.metrics;

/**
 * What the arbiter knows of one worker at a turn of its loop.
 *
 * @param pid      the worker's pid
 * @param age      its spawn order (names its counter file)
 * @param ready    it has loaded its app and serves
 * @param stopping the arbiter asked it to stop
 */
public record WorkerState(long pid, int age, boolean ready, boolean stopping) {}
