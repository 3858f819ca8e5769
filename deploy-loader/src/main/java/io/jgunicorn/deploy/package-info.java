/**
 * The deploy loader: the {@code spi.AppLoader}s the worker finds with {@code ServiceLoader} (a WAR,
 * an exploded WAR, a class, an INI descriptor, a deploy directory), which turn an {@code AppSpec}
 * into a deployed web application: a {@code bridge.deployment.WebAppDescriptor} handed to the
 * bridge's {@code ServletBridge}, routed by context path ({@code PrefixRouter}).
 *
 * <p>May use the container's {@code spi} (nothing else of the container), the bridge's
 * {@code deployment} records, {@code ServletBridge}/{@code BridgeOptions} and its named SPIs, and
 * its own sub-packages; it touches no sockets and starts no processes ({@code LoaderArchitectureTest}).
 *
 * <p>One package cycle is left: {@code DeployDirAppLoader} calls {@code paste.PasteAppLoader} for
 * the {@code .ini} files of a deploy directory, while {@code paste} builds on this package's deployers
 * and router. Moving {@code DeployDirAppLoader} to a package of its own would end it.
 */
package io.jgunicorn.deploy;
