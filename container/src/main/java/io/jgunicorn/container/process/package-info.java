/**
 * The contract between the arbiter and the worker JVMs, as one documented type:
 * {@code WorkerContract} (main class and arguments, exit codes, the heartbeat file and its
 * {@code ready}/{@code leaving} convention, the load-failure file, the deploy check's result keys);
 * and the process name ({@code proc_name}).
 *
 * <p>Uses nothing of the container; used by the arbiter, the worker, {@code deploy} and the CLI.
 */
package io.jgunicorn.container.process;
