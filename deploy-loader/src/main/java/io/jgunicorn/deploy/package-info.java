/**
 * The deploy loader: the {@code spi.AppLoader}s the worker finds with {@code ServiceLoader} (here a
 * WAR, an exploded WAR, a class; an INI descriptor in {@code paste}, a deploy directory in
 * {@code dir}), which turn an {@code AppSpec} into a deployed web application: a
 * {@code bridge.deployment.WebAppDescriptor} handed to the bridge's {@code ServletBridge}, routed by
 * context path ({@code PrefixRouter}).
 *
 * <p>May use the container's {@code spi} (nothing else of the container), the bridge's
 * {@code deployment} records, {@code ServletBridge}/{@code BridgeOptions} and its named SPIs, and
 * the sub-packages below it ({@code api}, {@code classloading}, {@code descriptor}, {@code naming},
 * {@code scan}, {@code war}); it touches no sockets and starts no processes.
 *
 * <p>The loader's packages form no cycle: {@code paste} builds on this package's deployers and
 * router, so this package uses neither {@code paste} nor {@code dir}, the deploy directory's loader
 * on top that needs both ({@code LoaderArchitectureTest} checks all three).
 */
package io.jgunicorn.deploy;
