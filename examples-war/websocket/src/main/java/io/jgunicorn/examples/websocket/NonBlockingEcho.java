package io.jgunicorn.examples.websocket;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Echo with ReadListener and WriteListener: reads while isReady(), writes while the output is
 * ready and keeps the rest until onWritePossible. No thread is held while the peer is silent.
 */
public class NonBlockingEcho implements HttpUpgradeHandler {

    @Override
    public void init(WebConnection connection) {
        try {
            ServletInputStream in = connection.getInputStream();
            ServletOutputStream out = connection.getOutputStream();
            Echo echo = new Echo(connection, in, out);
            out.setWriteListener(echo);
            in.setReadListener(echo);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void destroy() {
    }

    private static final class Echo implements ReadListener, WriteListener {
        private final WebConnection connection;
        private final ServletInputStream in;
        private final ServletOutputStream out;
        private final ByteArrayOutputStream backlog = new ByteArrayOutputStream();

        Echo(WebConnection connection, ServletInputStream in, ServletOutputStream out) {
            this.connection = connection;
            this.in = in;
            this.out = out;
        }

        @Override
        public void onDataAvailable() throws IOException {
            byte[] buf = new byte[8192];
            while (in.isReady()) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                send(buf, n);
            }
        }

        private synchronized void send(byte[] buf, int n) throws IOException {
            if (backlog.size() == 0 && out.isReady()) {
                out.write(buf, 0, n);
            } else {
                backlog.write(buf, 0, n);
            }
        }

        @Override
        public synchronized void onWritePossible() throws IOException {
            if (backlog.size() > 0 && out.isReady()) {
                out.write(backlog.toByteArray());
                backlog.reset();
            }
        }

        @Override
        public void onAllDataRead() {
            close(connection);
        }

        @Override
        public void onError(Throwable t) {
            close(connection);
        }

        private static void close(WebConnection connection) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // already gone
            }
        }
    }
}
