package io.jgunicorn.container.http;

import io.jgunicorn.container.lifecycle.RequestRecord;
import io.jgunicorn.container.lifecycle.WorkerLifecycle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain-text error answers of the HTTP/1.1 layer: a refused request head (written here, with
 * {@code Connection: close}, before any exchange exists), and the body of an error that replaces
 * what the application had not yet committed.
 */
final class Http1ErrorAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(Http1Connection.class);

    private Http1ErrorAnswers() {}

    /** "Bad Request\n" and the like. */
    static byte[] body(int status) {
        return (Http1ResponseHead.reasonFor(status) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code status}'s answer to the application's not yet committed response. */
    static void writeTo(Http1Exchange ex, int status) throws IOException {
        ex.resetForError(status);
        OutputStream out = ex.responseBody();
        out.write(body(status));
    }

    /** Answers a refused head and reports it as a request; the connection closes after it. */
    static void refuse(Http1Transport transport, WorkerLifecycle lifecycle, String connectionId, InetSocketAddress peer,
                       int status, String why) {
        byte[] body = body(status);
        HttpFields.Mutable h = HttpFields.build();
        h.put(HttpHeader.CONNECTION, "close");
        h.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        h.put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length));
        byte[] head = Http1ResponseHead.encode("HTTP/1.1", status, null, h);
        LOG.debug("connection {}: refused request with {}: {}", connectionId, status, why == null ? "" : why);
        try {
            transport.write(ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip());
        } catch (IOException e) {
            LOG.debug("connection {}: peer gone before error answer: {}", connectionId, e.toString());
        }
        lifecycle.endRequest(status, head.length + body.length, 0);
        if (lifecycle.recordsRequests()) {
            lifecycle.requestCompleted(new RequestRecord(Instant.now(), 0, remoteText(peer), null, null, "HTTP/1.1",
                    status, head.length + body.length, HttpFields.EMPTY, h, null, body.length));
        }
    }

    static String remoteText(InetSocketAddress a) {
        return a == null || a.getAddress() == null ? "-" : a.getAddress().getHostAddress();
    }
}
