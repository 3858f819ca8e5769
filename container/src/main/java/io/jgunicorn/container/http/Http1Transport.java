package io.jgunicorn.container.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where a connection's bytes come from and go to. A socket in production, a list of chunks in tests:
 * the parser never sees a socket, which is what lets the corpus be replayed at every chunking.
 */
public interface Http1Transport extends AutoCloseable {

    /**
     * Blocking read into {@code dst} (in fill mode: bytes go between position and limit).
     *
     * @param timeoutMillis give up after this long without a byte (0 = wait forever)
     * @return bytes read, or -1 at end of stream
     * @throws java.net.SocketTimeoutException when the timeout passed
     */
    int read(ByteBuffer dst, int timeoutMillis) throws IOException;

    /** Writes all remaining bytes of {@code src}, blocking. */
    void write(ByteBuffer src) throws IOException;

    /**
     * A read that never blocks, for workers that wait in a selector: {@code ch} is this
     * transport's channel in non-blocking mode. Plain transports read it directly; TLS decrypts.
     */
    default int readAvailable(java.nio.channels.ReadableByteChannel ch, ByteBuffer dst) throws IOException {
        return ch.read(dst);
    }

    /** True when bytes were received but not yet handed out (TLS records already read). */
    default boolean hasBuffered() {
        return false;
    }

    /** Moves already received bytes into {@code dst} without touching the socket; 0 when none. */
    default int readBuffered(ByteBuffer dst) throws IOException {
        return 0;
    }

    /** True for TLS: the application sees scheme {@code https}. */
    default boolean secure() {
        return false;
    }

    /** The TLS session, or null for a plain connection. */
    default javax.net.ssl.SSLSession sslSession() {
        return null;
    }

    /** The socket underneath, for a connection that leaves HTTP after an upgrade; null when there is none (tests). */
    default java.nio.channels.SocketChannel channel() {
        return null;
    }

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** Closes both directions; idempotent, never throws. */
    @Override
    void close();
}
