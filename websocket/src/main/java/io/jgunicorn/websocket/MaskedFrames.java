package io.jgunicorn.websocket;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;

/**
 * RFC 6455 section 5.1: "a server MUST close the connection upon receiving a frame that is not
 * masked". Tyrus's server accepts unmasked frames, so the connection's input is watched here: the
 * frame headers are followed as the bytes go by (payloads are skipped, never copied), and the first
 * unmasked frame closes the session with 1002 (protocol error) before Tyrus sees it.
 */
final class MaskedFrames extends ServletInputStream {

    /** What to do about a violation: close the session with this code and reason. */
    interface Violation {
        void close(int code, String reason);
    }

    private enum State { FIRST, SECOND, LENGTH, MASK, PAYLOAD }

    private final ServletInputStream in;
    private final Violation violation;
    private State state = State.FIRST;
    private int lengthBytes;
    private long length;
    private int maskBytes;
    private boolean broken;

    MaskedFrames(ServletInputStream in, Violation violation) {
        this.in = in;
        this.violation = violation;
    }

    static WebConnection wrap(WebConnection connection, Violation violation) throws IOException {
        MaskedFrames input = new MaskedFrames(connection.getInputStream(), violation);
        return new WebConnection() {
            @Override
            public ServletInputStream getInputStream() {
                return input;
            }

            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                return connection.getOutputStream();
            }

            @Override
            public void close() throws Exception {
                connection.close();
            }
        };
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (broken) {
            return 0;
        }
        int n = in.read(b, off, len);
        for (int i = 0; i < n; i++) {
            if (!follow(b[off + i] & 0xff)) {
                broken = true;
                violation.close(1002, "client frame not masked");
                return 0; // nothing of it reaches Tyrus; the session is closed
            }
        }
        return n;
    }

    /** Advances over one byte; false at an unmasked frame. */
    private boolean follow(int b) {
        switch (state) {
            case FIRST -> state = State.SECOND;
            case SECOND -> {
                if ((b & 0x80) == 0) {
                    return false;
                }
                int len = b & 0x7f;
                length = len;
                lengthBytes = len == 126 ? 2 : len == 127 ? 8 : 0;
                length = lengthBytes == 0 ? len : 0;
                maskBytes = 4;
                state = lengthBytes > 0 ? State.LENGTH : State.MASK;
            }
            case LENGTH -> {
                length = (length << 8) | b;
                if (--lengthBytes == 0) {
                    state = State.MASK;
                }
            }
            case MASK -> {
                if (--maskBytes == 0) {
                    state = length == 0 ? State.FIRST : State.PAYLOAD;
                }
            }
            case PAYLOAD -> {
                if (--length == 0) {
                    state = State.FIRST;
                }
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int available() throws IOException {
        return broken ? 0 : in.available();
    }

    @Override
    public boolean isFinished() {
        return broken || in.isFinished();
    }

    @Override
    public boolean isReady() {
        return !broken && in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
