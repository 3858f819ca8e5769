package io.jgunicorn.container.http;

import static io.jgunicorn.container.http.Http1Harness.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.spi.HttpApplication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who the client is, which scheme it used, and the request's id: trusted headers, as in Gunicorn. */
class Http1OriginTest {

    /** Answers "ADDRESS SCHEME ID": the address as an application or access log sees it (an IP, no DNS). */
    private static final HttpApplication WHO = ex -> {
        var remote = ex.remoteAddress();
        String addr = remote.getAddress() == null ? "unresolved:" + remote.getHostString()
                : remote.getAddress().getHostAddress();
        ex.responseBody().write((addr + " " + ex.scheme() + " " + ex.requestId()).getBytes(StandardCharsets.UTF_8));
    };

    private static Response get(Map<String, String> settings, String headers) {
        String out = Http1Harness.run(WHO, settings, List.of(bytes("GET / HTTP/1.1\r\nHost: x\r\n" + headers
                + "Connection: close\r\n\r\n"))).outputText();
        return Response.parseAll(out).getFirst();
    }

    @Test
    void forwardedForIsAnAddressNotAName() {
        Map<String, String> on = Map.of("forwarded_headers", "true");
        assertTrue(get(on, "X-Forwarded-For: 203.0.113.9, 10.0.0.1\r\n").body().startsWith("203.0.113.9 "));
        assertTrue(get(on, "Forwarded: for=\"[2001:db8::7]:4711\"\r\n").body().startsWith("2001:db8:0:0:0:0:0:7 "));
    }

    @Test
    void contradictorySchemeHeadersAre400AsInGunicorn() {
        Response r = get(Map.of(), "X-Forwarded-Proto: https\r\nX-Forwarded-Ssl: off\r\n");
        assertEquals(400, r.status(), r.body());
        assertEquals("close", r.header("Connection"));
        assertEquals(200, get(Map.of(), "X-Forwarded-Proto: https\r\nX-Forwarded-Ssl: on\r\n").status());
        assertTrue(get(Map.of(), "X-Forwarded-Proto: http\r\nX-Forwarded-Ssl: off\r\n").body().contains(" http "));
        // from an untrusted peer the headers mean nothing, so they cannot conflict
        assertEquals(200, get(Map.of("forwarded_allow_ips", "10.9.9.9"),
                "X-Forwarded-Proto: https\r\nX-Forwarded-Ssl: off\r\n").status());
    }

    @Test
    void incomingRequestIdIsHonouredAndOtherwiseCarriesThePid() {
        assertTrue(get(Map.of(), "X-Request-ID: lb-7f3a\r\n").body().endsWith(" lb-7f3a"));
        assertTrue(get(Map.of("request_id_header", "X-Amzn-Trace-Id"), "X-Amzn-Trace-Id: Root=1-abc\r\n")
                .body().endsWith(" Root=1-abc"));
        String own = get(Map.of(), "").body();
        assertTrue(own.endsWith(" " + ProcessHandle.current().pid() + "-c1-1"), own);
        assertTrue(get(Map.of("request_id_header", ""), "X-Request-ID: lb-7f3a\r\n").body().endsWith("-c1-1"));
        assertTrue(get(Map.of(), "X-Request-ID: " + "x".repeat(201) + "\r\n").body().endsWith("-c1-1"));
    }
}
