package io.jgunicorn.bridge.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.spi.UpgradedConnection;
import jakarta.servlet.ReadListener;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The upgraded connection's servlet streams over an in-memory connection the test feeds and drains. */
class UpgradedStreamsTest {

    /** Inbound bytes the test feeds; a socket that takes {@code room} bytes until the test makes more. */
    static final class MemoryConnection implements UpgradedConnection {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private ByteBuffer inbound = ByteBuffer.allocate(0);
        private boolean eof;
        private int room;
        private Runnable readable;
        private Runnable writable;
        private boolean open = true;

        MemoryConnection(int room) {
            this.room = room;
        }

        synchronized void feed(byte[] bytes) {
            inbound = ByteBuffer.allocate(inbound.remaining() + bytes.length).put(inbound).put(bytes).flip();
            fire(true);
        }

        synchronized void end() {
            eof = true;
            fire(true);
        }

        synchronized void makeRoom(int n) {
            room += n;
            fire(false);
        }

        private void fire(boolean read) {
            Runnable r = read ? readable : writable;
            if (read) {
                readable = null;
            } else {
                writable = null;
            }
            if (r != null) {
                execute(r);
            }
        }

        @Override public String id() { return "mem"; }

        @Override
        public synchronized int read(ByteBuffer dst) {
            if (inbound.hasRemaining()) {
                int n = Math.min(dst.remaining(), inbound.remaining());
                dst.put(inbound.slice(inbound.position(), n));
                inbound.position(inbound.position() + n);
                return n;
            }
            return eof ? -1 : 0;
        }

        @Override
        public int readBlocking(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized void whenReadable(Runnable task) {
            readable = task;
            if (inbound.hasRemaining() || eof) {
                fire(true);
            }
        }

        @Override
        public synchronized int write(ByteBuffer src) {
            int n = Math.min(room, src.remaining());
            byte[] b = new byte[n];
            src.get(b);
            written.writeBytes(b);
            room -= n;
            return n;
        }

        @Override
        public void writeBlocking(ByteBuffer src, long timeoutMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized void whenWritable(Runnable task) {
            writable = task;
            if (room > 0) {
                fire(false);
            }
        }

        @Override public void execute(Runnable task) { Thread.ofVirtual().start(task); }
        @Override public void onShutdown(Runnable task) { }
        @Override public void whenClosed(Runnable task) { }
        @Override public synchronized boolean isOpen() { return open; }
        @Override public synchronized void close() { open = false; }

        synchronized byte[] writtenBytes() {
            return written.toByteArray();
        }
    }

    @Test
    void readListenerHearsOfBytesOnlyWhenTheyArriveAndOfTheEnd() throws Exception {
        MemoryConnection c = new MemoryConnection(0);
        UpgradedInputStream in = new UpgradedInputStream(c, getClass().getClassLoader());
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                byte[] buf = new byte[3];
                StringBuilder got = new StringBuilder();
                while (in.isReady()) {
                    int n = in.read(buf);
                    got.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
                }
                events.add("data:" + got);
            }

            @Override
            public void onAllDataRead() {
                events.add("end");
            }

            @Override
            public void onError(Throwable t) {
                events.add("error:" + t);
            }
        });
        assertEquals(null, events.poll(200, TimeUnit.MILLISECONDS), "nothing arrived, nothing called");
        c.feed("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("data:hello", events.poll(5, TimeUnit.SECONDS));
        c.feed("again".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("data:again", events.poll(5, TimeUnit.SECONDS), "called again after isReady() said false");
        c.end();
        assertEquals("end", events.poll(5, TimeUnit.SECONDS));
        assertTrue(in.isFinished());
        assertEquals(null, events.poll(200, TimeUnit.MILLISECONDS), "onAllDataRead once");
    }

    @Test
    void writeListenerIsCalledOnceTheSocketTookWhatWaited() throws Exception {
        MemoryConnection c = new MemoryConnection(4);
        UpgradedOutputStream out = new UpgradedOutputStream(c, getClass().getClassLoader());
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch again = new CountDownLatch(2);
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                first.countDown();
                again.countDown();
            }

            @Override
            public void onError(Throwable t) {
            }
        });
        assertTrue(first.await(5, TimeUnit.SECONDS), "told at once that it may write");
        out.write("0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // never blocks
        assertFalse(out.isReady(), "6 bytes wait for the socket");
        assertEquals("0123", new String(c.writtenBytes(), java.nio.charset.StandardCharsets.US_ASCII));
        c.makeRoom(100);
        assertTrue(again.await(5, TimeUnit.SECONDS), "onWritePossible once they went out");
        assertTrue(out.isReady());
        assertArrayEquals("0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII), c.writtenBytes());
    }

    @Test
    void blockingWriteReturnsWithASmallBacklogAndWaitsOnABigOne() throws Exception {
        MemoryConnection c = new MemoryConnection(0);
        UpgradedOutputStream out = new UpgradedOutputStream(c, getClass().getClassLoader());
        out.write(new byte[1000]); // kept: below the backlog limit
        assertFalse(out.isReady(), "the peer is slow: a writer that asks can switch to a listener");
        CountDownLatch returned = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                out.write(new byte[UpgradedOutputStream.BLOCKING_BACKLOG * 2]);
                returned.countDown();
            } catch (IOException e) {
                // the assertion below fails
            }
        });
        assertFalse(returned.await(300, TimeUnit.MILLISECONDS), "held back while the peer does not read");
        c.makeRoom(Integer.MAX_VALUE / 2);
        assertTrue(returned.await(5, TimeUnit.SECONDS), "returns once the socket took the bytes");
    }
}
