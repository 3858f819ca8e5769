/**
 * The servlet bridge's entry point: {@link io.jgunicorn.bridge.ServletBridge#deploy} takes a
 * descriptor and the operator's {@link io.jgunicorn.bridge.BridgeOptions} and returns the
 * {@link io.jgunicorn.bridge.BridgeDeployment} lifecycle (start builds the application's
 * {@code core.Deployment}, runs initializers and listeners, and hands the container the
 * {@code handlers.BridgeApplication}; stop tears down in reverse).
 *
 * <p>It assembles the layers, so it is the top one and may use every package of the bridge. Nothing
 * in the bridge uses it. Layers, each using only those below it ({@code ArchitectureTest} checks it):
 * {@code deployment} &lt; {@code session}, {@code security} &lt; {@code core} &lt; {@code spec}
 * &lt; {@code handlers} &lt; this package.
 */
package io.jgunicorn.bridge;
