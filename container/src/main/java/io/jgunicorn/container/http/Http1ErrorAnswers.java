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
 * {@code Connection: close}, before any exchange exists), and the answer that replaces what the
 * application had not yet committed when it failed, when its request body was malformed, or when
 * its headers were refused at commit.
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

    /**
     * The application threw: the client gets a 500 (or the 4xx of the body it sent, malformed or cut
     * short) while nothing is committed; after commit the connection can only be dropped.
     */
    static void afterFailure(Http1Exchange ex, Http1RequestParser parser, Throwable failure) throws IOException {
        ex.abandonAsync();
        int status = parser.error() != null ? parser.errorStatus() : parser.earlyEof() ? 400 : 500;
        if (ex.isCommitted()) {
            throw new IOException("application failed after commit", failure);
        }
        if (status == 500) {
            LOG.error("Error handling request {} {}", ex.method(), ex.uri(), failure);
        }
        writeTo(ex, status);
    }

    /**
     * The application returned, but the request body was malformed: whatever it made of the failed
     * read (often a 500), the client is told what was wrong with its request.
     */
    static void afterBadBody(Http1Exchange ex, Http1RequestParser parser) throws IOException {
        if (parser.error() == null || ex.isAsync()) {
            return;
        }
        if (ex.isCommitted()) {
            if (ex.status() == parser.errorStatus()) {
                return; // the application already answered with it (BadRequestException)
            }
            throw new IOException("request body refused after the response was committed");
        }
        writeTo(ex, parser.errorStatus());
    }

    /** Ends the response; headers refused at this late commit still get a clean 500. */
    static void finish(Http1Exchange ex) throws IOException {
        try {
            ex.out().finish();
        } catch (Http1ResponseHead.InvalidHeaderException refused) {
            if (ex.isCommitted()) {
                throw refused;
            }
            LOG.error("Refused response to {} {}: {}", ex.method(), ex.uri(), refused.getMessage());
            writeTo(ex, 500);
            ex.out().finish();
        }
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
