package io.jgunicorn.container.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A blocking test client on 127.0.0.1 that reads one Content-Length or chunked response at a time. */
final class SocketClient implements AutoCloseable {

    record Reply(int status, Map<String, String> headers, String body) {
        String header(String n) {
            return headers.get(n.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SocketClient(InetSocketAddress address) throws IOException {
        this(address, 0);
    }

    /** @param receiveBuffer a small SO_RCVBUF makes the server wait to write; 0 keeps the default */
    SocketClient(InetSocketAddress address, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    Reply exchange(String raw) throws IOException {
        send(raw);
        return read();
    }

    Reply read() throws IOException {
        String head = line();
        int status = Integer.parseInt(head.split(" ")[1]);
        Map<String, String> h = new LinkedHashMap<>();
        for (String l; !(l = line()).isEmpty(); ) {
            int c = l.indexOf(':');
            h.put(l.substring(0, c).toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (h.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(h.get("content-length"))));
        } else if ("chunked".equals(h.get("transfer-encoding"))) {
            for (int n; (n = Integer.parseInt(line(), 16)) > 0; ) {
                body.write(in.readNBytes(n));
                line();
            }
            while (!line().isEmpty()) {
                // trailers are not needed by these tests
            }
        } else if (status >= 200 && status != 204 && status != 304) {
            body.write(in.readAllBytes());
        }
        return new Reply(status, h, body.toString(StandardCharsets.ISO_8859_1));
    }

    /** True once the server closed its side (read returns -1 within the socket timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed after: " + sb);
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
