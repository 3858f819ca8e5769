package io.jgunicorn.container.http;

import java.io.IOException;
import java.io.InputStream;

/** The request body as a stream; framing (length or chunked) is the parser's business. */
final class Http1RequestBody extends InputStream {

    private final Http1Connection connection;

    Http1RequestBody(Http1Connection connection) {
        this.connection = connection;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        return len == 0 ? 0 : connection.readBody(b, off, len);
    }

    @Override
    public int available() {
        return connection.bufferedBody();
    }
}
