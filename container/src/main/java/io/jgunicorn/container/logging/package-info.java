/**
 * Logs: Logback set-up from the settings ({@code errorlog}, {@code loglevel}, {@code logconfig},
 * USR1 reopening, {@code capture_output}), and the access log in Gunicorn's format atoms or JSON.
 *
 * <p>May use {@code lifecycle}; used by the worker, the arbiter and the CLI.
 */
package io.jgunicorn.container.logging;
