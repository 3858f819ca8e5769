/**
 * The arbiter: one loop on one thread that binds the sockets and keeps {@code workers} worker
 * processes alive. Its verbs are Gunicorn's: spawn ({@code WorkerLauncher}), reap, murder (the
 * silent), manage (converge to N), stop; a roll-out of a new generation is {@code RollOut}; USR2
 * is {@code BinaryUpgrade}; the workers' AOT cache kept between runs is {@code KeptAotCache}. It
 * never touches client connections.
 *
 * <p>May use {@code ctl}, {@code deploy}, {@code process}, {@code metrics}, {@code logging},
 * {@code hooks}, {@code posix} and {@code config}; only the CLI uses it. It shares nothing with the
 * worker JVM but {@code process.WorkerContract}.
 */
package io.jgunicorn.container.arbiter;
