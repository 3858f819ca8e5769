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

    /** Writes {@code first}, then {@code second}; the socket transports gather them into one write. */
    default void write(ByteBuffer first, ByteBuffer second) throws IOException {
        write(first);
        write(second);
    }

    /**
     * Writes {@code count} bytes of {@code file} from {@code position}, blocking; the plain socket
     * transports use {@code sendfile}, this default (TLS, tests) copies.
     */
    default void transferFrom(java.nio.channels.FileChannel file, long position, long count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        for (long done = 0; done < count; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            int n = file.read(buf, position + done);
            if (n < 0) {
                throw new java.io.EOFException("file ended before " + count + " bytes");
            }
            buf.flip();
            write(buf);
            done += n;
        }
    }

    /** {@link java.nio.channels.FileChannel#transferTo} until done; {@code awaitWritable} when the socket is full. */
    static void sendfile(java.nio.channels.FileChannel file, long position, long count,
                         java.nio.channels.SocketChannel to, AwaitWritable awaitWritable) throws IOException {
        for (long done = 0; done < count; ) {
            long n = file.transferTo(position + done, count - done, to);
            if (n == 0) {
                if (position + done >= file.size()) {
                    throw new java.io.EOFException("file ended before " + count + " bytes");
                }
                awaitWritable.await();
            }
            done += n;
        }
    }

    /** Waits until a non-blocking socket can take more bytes. */
    @FunctionalInterface
    interface AwaitWritable {
        void await() throws IOException;
    }

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
