/**
 * The deploy directory ({@code --deploy-dir}): scans with stable fingerprints, snapshots of what is
 * deployed, the {@code NAME.deployed} / {@code NAME.failed} markers, and the check run that loads a
 * new application list before the arbiter rolls it out ({@code CheckLauncher}).
 *
 * <p>May use {@code process}, {@code posix} and {@code config}; used by the arbiter only.
 */
package io.jgunicorn.container.deploy;
