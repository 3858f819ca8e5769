import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/run's conns-10k client: holds N mostly idle keep-alive connections to one server. Each
 * connection sends {@code GET /} when opened and again every {@code interval} seconds (so no
 * server's idle timeout closes it), and reads whatever comes back. One thread, one selector.
 *
 * <p>Usage: {@code java IdleConns.java HOST PORT N INTERVAL_S LIFETIME_S}. Prints {@code open N}
 * once every connection has had its first answer (or the opening phase failed for some), then, at
 * the end or on TERM, {@code errors E} (connections that failed to open, were closed or reset by
 * the server, or got no answer) and {@code answered A}.
 */
public final class IdleConns {

    private static final AtomicInteger errors = new AtomicInteger();
    private static final AtomicInteger answered = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        InetSocketAddress to = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        long intervalNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        long end = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        byte[] request = ("GET / HTTP/1.1\r\nHost: " + args[0] + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("errors " + errors.get());
            System.out.println("answered " + answered.get());
            System.out.flush();
        }));
        ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
        List<SelectionKey> conns = new ArrayList<>(n);
        try (Selector sel = Selector.open()) {
            // open in batches, so the server's accept queue (backlog) is not overrun
            int waiting = 0;
            for (int i = 0; i < n || waiting > 0; ) {
                while (i < n && waiting < 256) {
                    SocketChannel ch = SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.connect(to);
                    SelectionKey key = ch.register(sel, SelectionKey.OP_CONNECT);
                    conns.add(key);
                    waiting++;
                    i++;
                }
                if (sel.select(10_000) == 0) {
                    break; // nothing moved for 10 s: count the rest as errors below
                }
                for (SelectionKey key : sel.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    try {
                        if (key.isConnectable()) {
                            ch.finishConnect();
                            ch.write(ByteBuffer.wrap(request));
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable() && read(key, scratch) && key.attachment() == null) {
                            key.attach(Boolean.TRUE); // first answer
                            waiting--;
                        }
                    } catch (IOException e) {
                        fail(key);
                        waiting--;
                    }
                }
                sel.selectedKeys().clear();
            }
            int open = 0;
            for (SelectionKey key : conns) {
                if (key.isValid() && key.attachment() != null) {
                    open++;
                } else if (key.isValid()) {
                    fail(key);
                }
            }
            System.out.println("open " + open);
            System.out.flush();
            // steady phase: every interval, each open connection asks again, spread over the interval
            long start = System.nanoTime();
            int next = 0;
            while (System.nanoTime() < end) {
                sel.select(50);
                for (SelectionKey key : sel.selectedKeys()) {
                    if (key.isValid() && key.isReadable()) {
                        read(key, scratch);
                    }
                }
                sel.selectedKeys().clear();
                long due = (System.nanoTime() - start) * conns.size() / intervalNanos;
                for (; next < due; next++) {
                    SelectionKey key = conns.get(next % conns.size());
                    if (key.isValid()) {
                        try {
                            ((SocketChannel) key.channel()).write(ByteBuffer.wrap(request));
                        } catch (IOException e) {
                            fail(key);
                        }
                    }
                }
            }
        }
    }

    /** Reads what is there; false (and counted) when the server closed or reset the connection. */
    private static boolean read(SelectionKey key, ByteBuffer scratch) {
        try {
            scratch.clear();
            int got = ((SocketChannel) key.channel()).read(scratch);
            if (got < 0) {
                fail(key);
                return false;
            }
            if (got > 0) {
                answered.incrementAndGet();
            }
            return got > 0;
        } catch (IOException e) {
            fail(key);
            return false;
        }
    }

    private static void fail(SelectionKey key) {
        errors.incrementAndGet();
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // counted already
        }
    }
}
