/**
 * The control socket ({@code gunicornc}'s counterpart): {@code ControlServer} takes requests on a
 * Unix socket and hands them to the arbiter's loop, {@code ControlCommands} answers them on a
 * {@code ControlTarget} (the arbiter), and {@code Ctl} is the {@code jgunicorn ctl} client.
 *
 * <p>Uses no other package of the container (the arbiter is seen only as a {@code ControlTarget});
 * used by the arbiter and the CLI.
 */
package io.jgunicorn.container.ctl;
