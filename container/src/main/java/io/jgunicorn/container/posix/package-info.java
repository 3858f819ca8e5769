/**
 * The operating system through the FFM API: {@code posix_spawn}, {@code waitpid}, signals,
 * {@code setuid}/{@code setgid}, socket options and addresses, Unix datagrams (systemd); and
 * deleting file trees.
 *
 * <p>Uses nothing of the container; anything above may use it.
 */
package io.jgunicorn.container.posix;
