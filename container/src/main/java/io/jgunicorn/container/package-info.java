/**
 * The {@code jgunicorn} command line: {@link io.jgunicorn.container.Main} (serve, {@code ctl},
 * {@code hash-password}, {@code --check-config}, {@code --print-config}), the application sources,
 * systemd socket activation and the USR2 hand-off environment.
 *
 * <p>May use every package of the container and {@code config}; no package of the container uses it.
 */
package io.jgunicorn.container;
