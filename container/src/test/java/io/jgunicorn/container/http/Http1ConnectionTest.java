package io.jgunicorn.container.http;

import static io.jgunicorn.container.http.Http1Harness.bytes;
import static io.jgunicorn.container.http.Http1Harness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Http1ConnectionTest {

    @Test
    void getGetsContentLengthDateAndServer() {
        Response r = Response.parseAll(run("GET /a?b=1 HTTP/1.1\r\nHost: x\r\n\r\n")).getFirst();
        assertEquals(200, r.status());
        assertTrue(r.body().startsWith("GET /a?b=1 HTTP/1.1\n"), r.body());
        assertEquals(String.valueOf(r.body().length()), r.header("Content-Length"));
        assertEquals("jgunicorn", r.header("Server"));
        assertTrue(r.header("Date").endsWith("GMT"));
    }

    @Test
    void headerValuesReachTheApplicationSpelledAsTheClientSentThem() {
        for (String type : List.of("text/plain; charset=ISO-8859-1", "text/html;charset=UTF-8", "text/plain; charset=utf-8")) {
            Response r = Response.parseAll(run("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: " + type
                    + "\r\nContent-Length: 0\r\n\r\n")).getFirst();
            assertTrue(r.body().contains("Content-Type: " + type + "\n"), r.body());
        }
    }

    @Test
    void postWithContentLengthIsEchoed() {
        Response r = Response.parseAll(run("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")).getFirst();
        assertTrue(r.body().contains("body=hello\n"), r.body());
    }

    @Test
    void chunkedRequestBodyAndTrailersAreRead() {
        String req = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n";
        for (Chunking c : Chunking.values()) {
            String out = run(new EchoApp(), Map.of(), c.split(bytes(req), 7)).outputText();
            Response r = Response.parseAll(out).getFirst();
            assertTrue(r.body().contains("body=abcde\n"), c + ": " + r.body());
            assertTrue(r.body().contains("trailer X-Sum: 5\n"), c + ": " + r.body());
        }
    }

    @Test
    void onlyAllowedTrailerNamesReachTheApplication() {
        String req = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\nX-Sum: 3\r\nX-Other: 1\r\nx-checksum: 9\r\n\r\n";
        String some = run(new EchoApp(), Map.of("allowed_trailer_names", "X-Checksum, x-sum"), List.of(bytes(req)))
                .outputText();
        assertTrue(some.contains("trailer X-Sum: 3\n"), some);
        assertTrue(some.contains("trailer x-checksum: 9\n"), some);
        assertFalse(some.contains("X-Other"), some);
        String none = run(new EchoApp(), Map.of("allowed_trailer_names", ""), List.of(bytes(req))).outputText();
        assertEquals(200, Response.parseAll(none).getFirst().status(), none);
        assertFalse(none.contains("trailer "), none);
    }

    @Test
    void trailerSectionIsHeldToTheHeaderLimits() {
        String many = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
                + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n";
        String out = run(new EchoApp(), Map.of("limit_request_fields", "2"), List.of(bytes(many))).outputText();
        assertEquals(431, Response.parseAll(out).getFirst().status(), out);
        String big = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
                + "A: " + "v".repeat(200) + "\r\n\r\n";
        out = run(new EchoApp(), Map.of("limit_request_field_size", "100"), List.of(bytes(big))).outputText();
        assertEquals(431, Response.parseAll(out).getFirst().status(), out);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        String req = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        for (Chunking c : Chunking.values()) {
            String out = run(new EchoApp(), Map.of(), c.split(bytes(req), 3)).outputText();
            List<Response> rs = Response.parseAll(out);
            assertEquals(3, rs.size(), c + ": " + out);
            assertTrue(rs.get(1).body().startsWith("POST /2"));
            assertTrue(rs.get(1).body().contains("body=hi\n"));
            assertTrue(rs.get(2).body().startsWith("GET /3"));
            assertEquals("close", rs.get(2).header("Connection"));
        }
    }

    @Test
    void unreadBodyIsDrainedBeforeTheNextRequest() {
        String req = "POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcdGET /2 HTTP/1.1\r\nHost: x\r\n\r\n";
        String out = run((ex) -> ex.responseBody().write('k'), Map.of(), List.of(bytes(req))).outputText();
        assertEquals(List.of(200, 200), Http1Harness.statuses(out));
    }

    @Test
    void http10ClosesAfterTheResponseUnlessKeepAliveAsked() {
        MemoryTransport t = run((ex) -> ex.responseBody().write('k'), Map.of(),
                List.of(bytes("GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n")));
        assertEquals(List.of(200), Http1Harness.statuses(t.outputText()));
        t = run((ex) -> ex.responseBody().write('k'), Map.of(),
                List.of(bytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n")));
        List<Response> rs = Response.parseAll(t.outputText());
        assertEquals(2, rs.size());
        assertEquals("keep-alive", rs.get(0).header("Connection"));
    }

    @Test
    void streamedResponseIsChunkedInHttp11AndCloseDelimitedIn10() {
        io.jgunicorn.container.spi.HttpApplication app = ex -> {
            ex.responseBody().write(bytes("part1"));
            ex.responseBody().flush();
            ex.responseBody().write(bytes("part2"));
            ex.setResponseTrailers(() -> org.eclipse.jetty.http.HttpFields.build().put("X-T", "1"));
        };
        Response r = Response.parseAll(run(app, Map.of(), List.of(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))).outputText()).getFirst();
        assertEquals("chunked", r.header("Transfer-Encoding"));
        assertEquals("part1part2", r.body());
        assertEquals("X-T: 1\r\n", r.trailers());
        String out10 = run(app, Map.of(), List.of(bytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))).outputText();
        Response r10 = Response.parseAll(out10).getFirst();
        assertNull(r10.header("Transfer-Encoding"));
        assertEquals("close", r10.header("Connection"));
        assertEquals("part1part2", r10.body());
    }

    /** writeLast knows the length, but trailers only go out after a chunked body: they win. */
    @Test
    void aBodyWrittenLastWithTrailersIsChunkedSoTheTrailersGoOut() {
        io.jgunicorn.container.spi.HttpApplication app = ex -> {
            ex.setResponseTrailers(() -> org.eclipse.jetty.http.HttpFields.build().put("X-T", "1"));
            ex.writeLast(bytes("whole"), 0, 5);
        };
        String out = run(app, Map.of(), List.of(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))).outputText();
        Response r = Response.parseAll(out).getFirst();
        assertEquals("chunked", r.header("Transfer-Encoding"), out);
        assertNull(r.header("Content-Length"), out);
        assertEquals("whole", r.body());
        assertEquals("X-T: 1\r\n", r.trailers());
        String out10 = run(app, Map.of(), List.of(bytes("GET / HTTP/1.0\r\n\r\n"))).outputText();
        assertEquals("5", Response.parseAll(out10).getFirst().header("Content-Length"), "HTTP/1.0 has no trailers: sized");
    }

    @Test
    void headSendsHeadersButNoBody() {
        String out = run("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        int end = out.indexOf("\r\n\r\n");
        assertEquals(out.length(), end + 4, out);
        assertTrue(out.contains("Content-Length: "));
    }

    @Test
    void responseHeaderInjectionIsRefusedAndNeverWritten() {
        String out = run(ex -> ex.responseHeaders().put("X-Evil", "a\r\nSet-Cookie: pwned=1"), Map.of(),
                List.of(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))).outputText();
        assertTrue(out.startsWith("HTTP/1.1 500 "), "refused: " + out);
        assertFalse(out.contains("pwned"), out);
    }

    @Test
    void applicationExceptionBeforeCommitAnswers500AndCloses() {
        String out = run(ex -> { throw new IllegalStateException("boom"); }, Map.of(),
                List.of(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"))).outputText();
        assertEquals(List.of(500), Http1Harness.statuses(out));
        assertTrue(out.contains("Connection: close"));
    }

    @Test
    void expectContinueIsSentOnlyWhenTheBodyIsRead() {
        String req = "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok";
        String head = req.substring(0, req.length() - 2);
        String out = run(new EchoApp(), Map.of(), List.of(bytes(head), bytes("ok"))).outputText();
        assertTrue(out.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 "), out);
        String ignored = run(ex -> ex.setStatus(401), Map.of(), List.of(bytes(req))).outputText();
        assertTrue(ignored.startsWith("HTTP/1.1 401 "), ignored);
        assertFalse(ignored.contains("100 Continue"));
        assertTrue(ignored.contains("Connection: close"), "body not invited, so the connection closes");
    }

    @Test
    void http11WithoutHostIs400() {
        String out = run("GET / HTTP/1.1\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 400 "), out);
        assertTrue(out.contains("Connection: close"));
    }

    @Test
    void unreadBodyBeyondTheDrainLimitClosesTheConnection() {
        String req = "POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + "b".repeat(100)
                + "GET /2 HTTP/1.1\r\nHost: x\r\n\r\n";
        io.jgunicorn.container.spi.HttpApplication ignoresBody = ex -> ex.responseBody().write('k');
        MemoryTransport closed = Http1Harness.run(ignoresBody, Map.of("max_drain_bytes", "10"), List.of(bytes(req)));
        assertEquals(List.of(200), Http1Harness.statuses(closed.outputText()));
        assertTrue(closed.closed());
        MemoryTransport kept = Http1Harness.run(ignoresBody, Map.of("max_drain_bytes", "1000"), List.of(bytes(req)));
        assertEquals(List.of(200, 200), Http1Harness.statuses(kept.outputText()));
    }

    @Test
    void truncatedChunkedBodyIsAnswered400() {
        String out = run("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab");
        assertTrue(out.startsWith("HTTP/1.1 400 "), out);
    }

    @Test
    void responseLongerThanItsContentLengthIsRefusedBeforeCommit() {
        String out = Http1Harness.run(ex -> {
            ex.responseHeaders().put("Content-Length", "3");
            ex.responseBody().write(bytes("abcdef"));
        }, Map.of(), List.of(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"))).outputText();
        assertFalse(out.contains("abc"), out);
        assertEquals(List.of(500), Http1Harness.statuses(out), "answered 500 and closed");
    }

    @Test
    void interimResponseGoesBeforeTheFinalOneAndDeclaredLengthIsReported() {
        List<Long> lengths = new java.util.ArrayList<>();
        String out = Http1Harness.run(ex -> {
            lengths.add(ex.requestContentLength());
            ex.sendInterim(103, org.eclipse.jetty.http.HttpFields.build().put("Link", "</a.css>; rel=preload"));
            ex.requestBody().readAllBytes();
            ex.responseBody().write('k');
        }, Map.of(), List.of(bytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab"
                + "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))).outputText();
        assertTrue(out.startsWith("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n"), out);
        assertEquals(List.of(2L, -1L, 0L), lengths);
        assertEquals(List.of(200, 200, 200), Http1Harness.statuses(out).stream().filter(s -> s >= 200).toList());
    }
}
