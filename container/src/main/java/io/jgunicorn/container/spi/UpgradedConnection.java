package io.jgunicorn.container.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A connection that left HTTP/1.1 after a {@code 101 Switching Protocols} response (see
 * {@link HttpExchange#upgrade}): raw bytes both ways, for the protocol the application switched to.
 * The container no longer parses requests on it, applies no keep-alive or request timeout, and counts
 * it in {@code worker_connections} until it closes.
 *
 * <p>Reads and writes come in a non-blocking form (the bytes available now) and a blocking one.
 * Waiting without a thread is done with {@link #whenReadable} / {@link #whenWritable}: an idle
 * upgraded connection waits in the worker's selector. Callbacks run on application threads (virtual
 * threads), never on the selector's, and each is called once per registration.
 */
public interface UpgradedConnection {

    /** A short id of the connection, unique within the worker (the HTTP connection's). */
    String id();

    /** Reads what has arrived into {@code dst} without waiting: bytes read, 0 when none, -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Waits until at least one byte arrives: bytes read, or -1 at end of stream (or once closed). */
    int readBlocking(ByteBuffer dst) throws IOException;

    /**
     * Calls {@code task} once a {@link #read} would not return 0: bytes arrived, the peer closed, or
     * the connection was closed. At most one read registration at a time.
     */
    void whenReadable(Runnable task);

    /** Writes what the socket takes now; returns the bytes written (0 when its buffer is full). */
    int write(ByteBuffer src) throws IOException;

    /** Writes all of {@code src}, waiting while the peer does not read, for at most {@code timeoutMillis} (0: no limit). */
    void writeBlocking(ByteBuffer src, long timeoutMillis) throws IOException;

    /** Calls {@code task} once the socket can take more bytes (or the connection was closed). */
    void whenWritable(Runnable task);

    /** Runs {@code task} on an application thread. */
    void execute(Runnable task);

    /**
     * Calls {@code task} when the worker retires (graceful stop, reload, max requests): the protocol
     * should say goodbye (WebSocket: close 1001) and close. Whatever is still open at the end of the
     * graceful timeout is closed by the container. Called at once if the worker is already retiring.
     */
    void onShutdown(Runnable task);

    /** Calls {@code task} once the connection is closed, by either side (at once if it already is). */
    void whenClosed(Runnable task);

    boolean isOpen();

    /** Closes the socket; pending {@link #whenReadable}/{@link #whenWritable} callbacks then run. Idempotent. */
    void close();
}
