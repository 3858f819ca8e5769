package io.jgunicorn.container.http;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Bytes in as a list of chunks, bytes out into a buffer: a connection with no socket. After
 * {@link #tls} it is a TLS connection as the exchange sees it ({@code secure()}, an {@link SSLSession}
 * that answers the client's certificates); the bytes are not encrypted. Public for
 * {@code testkit.RawHttp}.
 */
public final class MemoryTransport implements Http1Transport {

    private final Deque<byte[]> chunks;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final InetSocketAddress remote;
    private boolean closed;
    private SSLSession tls;

    public MemoryTransport(List<byte[]> chunks) {
        this(chunks, new InetSocketAddress("127.0.0.1", 40000));
    }

    MemoryTransport(List<byte[]> chunks, InetSocketAddress remote) {
        this.chunks = new ArrayDeque<>(chunks);
        this.remote = remote;
    }

    @Override
    public synchronized int read(ByteBuffer dst, int timeoutMillis) {
        byte[] next = chunks.peekFirst();
        if (next == null || closed) {
            return -1;
        }
        int n = Math.min(dst.remaining(), next.length);
        dst.put(next, 0, n);
        chunks.removeFirst();
        if (n < next.length) {
            chunks.addFirst(java.util.Arrays.copyOfRange(next, n, next.length));
        }
        return n;
    }

    @Override
    public synchronized void write(ByteBuffer src) {
        byte[] b = new byte[src.remaining()];
        src.get(b);
        out.writeBytes(b);
    }

    /** Makes this a TLS connection on which the client presented {@code chain} (none: no client certificate). */
    public MemoryTransport tls(Certificate... chain) {
        tls = session(chain.clone());
        return this;
    }

    @Override public boolean secure() { return tls != null; }
    @Override public SSLSession sslSession() { return tls; }
    @Override public InetSocketAddress remoteAddress() { return remote; }
    @Override public InetSocketAddress localAddress() { return new InetSocketAddress("127.0.0.1", 8000); }
    @Override public synchronized void close() { closed = true; }

    boolean closed() { return closed; }

    /** What the connection wrote so far. */
    public byte[] output() { return out.toByteArray(); }

    String outputText() { return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1); }

    /** The few facts of a TLS session that an application asks for. */
    private static SSLSession session(Certificate[] chain) {
        return (SSLSession) Proxy.newProxyInstance(MemoryTransport.class.getClassLoader(), new Class<?>[] {SSLSession.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getPeerCertificates" -> {
                        if (chain.length == 0) {
                            throw new SSLPeerUnverifiedException("no client certificate");
                        }
                        yield chain.clone();
                    }
                    case "getCipherSuite" -> "TLS_AES_128_GCM_SHA256";
                    case "getProtocol" -> "TLSv1.3";
                    case "getId" -> new byte[] {1, 2, 3};
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "in-memory TLS session";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
