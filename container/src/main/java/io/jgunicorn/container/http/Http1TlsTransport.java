package io.jgunicorn.container.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over another transport, with an {@link SSLEngine}. Blocking reads and writes (with their
 * timeouts) go through the wrapped plain transport; selector-driven workers read through
 * {@link #readAvailable} while the channel is non-blocking. The handshake runs lazily inside the
 * first reads, on whichever path that is.
 *
 * <p>Buffers are kept in read mode (position..limit is unconsumed data) between calls.
 */
public final class Http1TlsTransport implements Http1Transport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Http1Transport plain;
    private final SocketChannel channel;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private Selector writeWaiter;
    private boolean closed;

    public Http1TlsTransport(Http1Transport plain, SocketChannel channel, SSLEngine engine) {
        this.plain = plain;
        this.channel = channel;
        this.engine = engine;
        SSLSession s = engine.getSession();
        this.netIn = ByteBuffer.allocate(s.getPacketBufferSize()).flip();
        this.appIn = ByteBuffer.allocate(s.getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(s.getPacketBufferSize());
    }

    @Override
    public int read(ByteBuffer dst, int timeoutMillis) throws IOException {
        while (true) {
            if (appIn.hasRemaining()) {
                return copy(dst);
            }
            int r = unwrap();
            if (r < 0) {
                return -1;
            }
            if (r == 0 && fillNet(() -> plain.read(netIn, timeoutMillis)) < 0) {
                return -1; // a peer that closes without close_notify simply ends its connection
            }
        }
    }

    @Override
    public int readAvailable(ReadableByteChannel ch, ByteBuffer dst) throws IOException {
        while (true) {
            if (appIn.hasRemaining()) {
                return copy(dst);
            }
            int r = unwrap();
            if (r < 0) {
                return -1;
            }
            if (r == 0) {
                int n = fillNet(() -> channel.read(netIn));
                if (n <= 0) {
                    return n;
                }
            }
        }
    }

    @Override
    public boolean hasBuffered() {
        return appIn.hasRemaining() || netIn.hasRemaining();
    }

    @Override
    public int readBuffered(ByteBuffer dst) throws IOException {
        if (!appIn.hasRemaining() && netIn.hasRemaining() && unwrap() <= 0) {
            return 0;
        }
        return appIn.hasRemaining() ? copy(dst) : 0;
    }

    private int copy(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        ByteBuffer slice = appIn.slice(appIn.position(), n);
        dst.put(slice);
        appIn.position(appIn.position() + n);
        return n;
    }

    private interface NetRead {
        int read() throws IOException;
    }

    private int fillNet(NetRead how) throws IOException {
        netIn.compact();
        try {
            return how.read();
        } finally {
            netIn.flip();
        }
    }

    /**
     * Drives the engine over what {@link #netIn} holds: runs handshake steps, decrypts into
     * {@link #appIn}. Returns 1 when application bytes are ready, 0 when more network bytes are
     * needed, -1 when the peer closed the TLS session.
     */
    private int unwrap() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    runTasks();
                    continue;
                }
                case NEED_WRAP -> {
                    if (engine.isOutboundDone()) {
                        return -1;
                    }
                    wrapAndSend(EMPTY);
                    continue;
                }
                default -> { }
            }
            appIn.compact();
            SSLEngineResult res;
            try {
                res = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
            switch (res.getStatus()) {
                case CLOSED -> {
                    return -1;
                }
                case BUFFER_UNDERFLOW -> {
                    growNetIn();
                    return 0;
                }
                case BUFFER_OVERFLOW -> {
                    if (appIn.hasRemaining()) {
                        return 1;
                    }
                    appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                }
                case OK -> {
                    if (appIn.hasRemaining()) {
                        return 1;
                    }
                    if (res.bytesConsumed() == 0 && res.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_TASK
                            && res.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                        return 0;
                    }
                }
            }
        }
    }

    private void growNetIn() {
        int need = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() < need) {
            netIn = grow(netIn, need);
        }
    }

    /** A larger buffer with the same unread bytes, still in read mode. */
    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        bigger.put(b).flip();
        return bigger;
    }

    private void runTasks() {
        for (Runnable t; (t = engine.getDelegatedTask()) != null; ) {
            t.run();
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        if (closed) {
            throw new IOException("TLS connection closed");
        }
        wrapAndSend(src);
    }

    private void wrapAndSend(ByteBuffer src) throws IOException {
        do {
            netOut.clear();
            SSLEngineResult res = engine.wrap(src, netOut);
            netOut.flip();
            if (netOut.hasRemaining()) {
                send(netOut);
            }
            switch (res.getStatus()) {
                case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                case CLOSED -> {
                    if (src.hasRemaining()) {
                        throw new SSLException("TLS session closed");
                    }
                    return;
                }
                default -> {
                    if (res.bytesConsumed() == 0 && res.bytesProduced() == 0 && src.hasRemaining()) {
                        // the engine wants to read (a renegotiation): not offered, so give up cleanly
                        throw new SSLException("TLS renegotiation is not supported");
                    }
                }
            }
        } while (src.hasRemaining());
    }

    /** Blocking channels write through the plain transport; a non-blocking one waits for OP_WRITE. */
    private void send(ByteBuffer buf) throws IOException {
        if (channel == null || channel.isBlocking()) {
            plain.write(buf);
            return;
        }
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0) {
                if (writeWaiter == null) {
                    writeWaiter = Selector.open();
                }
                SelectionKey key = channel.register(writeWaiter, SelectionKey.OP_WRITE);
                try {
                    writeWaiter.select(1000);
                } finally {
                    key.cancel();
                    writeWaiter.selectNow();
                }
            }
        }
    }

    @Override
    public boolean secure() {
        return true;
    }

    @Override
    public SSLSession sslSession() {
        return engine.getSession();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return plain.remoteAddress();
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress localAddress() {
        return plain.localAddress();
    }

    /** Sends close_notify when it can, then closes the socket. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                engine.closeOutbound();
                if (channel != null && channel.isOpen() && !channel.isBlocking()) {
                    // a selector thread closing an idle connection must never wait on a peer
                    // that does not read: one attempt at close_notify, then the socket closes
                    netOut.clear();
                    engine.wrap(EMPTY, netOut);
                    channel.write(netOut.flip());
                } else if (channel == null || channel.isOpen()) {
                    wrapAndSend(EMPTY);
                }
            } catch (IOException | RuntimeException ignored) {
                // the peer may be gone; closing the socket is what matters
            }
        }
        plain.close();
        try {
            if (writeWaiter != null) {
                writeWaiter.close();
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
