/**
 * Server hooks, Gunicorn's {@code on_starting} ... {@code on_exit}: the {@code ServerHooks}
 * interface an operator implements (exported, like {@code spi}), how it is loaded and run, and the
 * application wrapper that calls {@code pre_request} / {@code post_request}.
 *
 * <p>May use {@code spi}; used by the worker, the arbiter and the CLI.
 */
package io.jgunicorn.container.hooks;
