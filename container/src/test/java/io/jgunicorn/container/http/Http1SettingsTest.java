package io.jgunicorn.container.http;

import static io.jgunicorn.container.http.Http1Harness.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each Gunicorn-named setting changes what the connection accepts; one test per setting. */
class Http1SettingsTest {

    private static String run(Map<String, String> settings, String request) {
        return Http1Harness.run(new EchoApp(), settings, List.of(bytes(request))).outputText();
    }

    private static int status(Map<String, String> settings, String request) {
        return Http1Harness.statuses(run(settings, request)).getFirst();
    }

    @Test
    void defaultsAreGunicorns() {
        Http1Settings s = Http1Settings.defaults();
        assertEquals(4094, s.limitRequestLine());
        assertEquals(100, s.limitRequestFields());
        assertEquals(8190, s.limitRequestFieldSize());
        assertEquals(2, s.keepaliveSeconds());
        assertEquals("drop", s.headerMap());
        assertEquals(List.of("127.0.0.1", "::1"), s.forwardedAllowIps());
        assertEquals("https", s.secureSchemeHeaders().get("X-FORWARDED-PROTO"));
        assertEquals(8190, Http1Settings.from(Map.of("limit_request_field_size", "0")).limitRequestFieldSize());
        var cfgSpelling = Http1Settings.from(Map.of("secure_scheme_headers", "X-SCHEME=https,X-SSL=on"));
        assertEquals(Map.of("X-SCHEME", "https", "X-SSL", "on"), cfgSpelling.secureSchemeHeaders());
    }

    @Test
    void limitRequestLineAnswers414AndZeroLiftsIt() {
        String longGet = "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        assertEquals(414, status(Map.of(), longGet));
        assertEquals(200, status(Map.of("limit_request_line", "0"), longGet));
        assertEquals(414, status(Map.of("limit_request_line", "20"), "GET /0123456789abcdef HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void limitRequestFieldsAnswers431() {
        String req = "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n";
        assertEquals(200, status(Map.of("limit_request_fields", "3"), req));
        assertEquals(431, status(Map.of("limit_request_fields", "2"), req));
    }

    @Test
    void limitRequestFieldSizeCountsTheWholeLine() {
        String req = "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "v".repeat(30) + "\r\n\r\n";
        assertEquals(431, status(Map.of("limit_request_field_size", "39"), req));
        assertEquals(200, status(Map.of("limit_request_field_size", "40"), req));
    }

    @Test
    void limitRequestBodyAnswers413ForLengthAndForChunks() {
        Map<String, String> s = Map.of("limit_request_body", "4");
        assertEquals(413, status(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"));
        assertEquals(200, status(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nhell"));
        assertEquals(413, status(s, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n"));
    }

    @Test
    void unconventionalMethodsNeedTheSwitchAndCasefoldUppercases() {
        String req = "get / HTTP/1.1\r\nHost: x\r\n\r\n";
        assertEquals(400, status(Map.of(), req));
        assertTrue(run(Map.of("permit_unconventional_http_method", "true"), req).contains("\r\n\r\nget / "));
        assertTrue(run(Map.of("permit_unconventional_http_method", "true", "casefold_http_method", "true"), req)
                .contains("\r\n\r\nGET / "));
        assertEquals(400, status(Map.of(), "GE / HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void obsoleteFoldingIsRefusedUnlessPermitted() {
        String req = "GET / HTTP/1.1\r\nHost: x\r\nX-F: a\r\n b\r\n\r\n";
        assertEquals(400, status(Map.of(), req));
        assertEquals(200, status(Map.of("permit_obsolete_folding", "true"), req));
    }

    @Test
    void headerMapDropsRefusesOrKeepsUnderscores() {
        String req = "GET / HTTP/1.1\r\nHost: x\r\nX_Auth: 1\r\n\r\n";
        String dropped = run(Map.of(), req);
        assertEquals(200, Http1Harness.statuses(dropped).getFirst());
        assertFalse(dropped.contains("X_Auth"));
        assertEquals(400, status(Map.of("header_map", "refuse"), req));
        assertTrue(run(Map.of("header_map", "dangerous"), req).contains("X_Auth: 1"));
    }

    @Test
    void stripHeaderSpacesAcceptsSpaceBeforeTheColon() {
        String req = "GET / HTTP/1.1\r\nHost: x\r\nX-S : 1\r\n\r\n";
        assertEquals(400, status(Map.of(), req));
        assertEquals(200, status(Map.of("strip_header_spaces", "true"), req));
    }

    @Test
    void secureSchemeHeadersCountOnlyFromForwardedAllowIps() {
        String req = "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-Proto: https\r\n\r\n";
        assertTrue(run(Map.of(), req).contains("scheme=https server=x:443"));
        assertTrue(run(Map.of("forwarded_allow_ips", "10.0.0.0/8"), req).contains("scheme=http server=x:80"));
        assertTrue(run(Map.of("forwarded_allow_ips", "*"), req).contains("scheme=https"));
    }

    @Test
    void forwardedHeadersAreOptInAndFeedRemoteSchemeAndHost() {
        String req = "GET / HTTP/1.1\r\nHost: inner\r\nForwarded: for=\"[2001:db8::1]:4711\";proto=https;host=shop.example\r\n\r\n";
        assertTrue(run(Map.of(), req).contains("scheme=http server=inner:80 remote=127.0.0.1"));
        String on = run(Map.of("forwarded_headers", "true"), req);
        assertTrue(on.contains("scheme=https server=shop.example:443 remote=2001:db8::1"), on);
        String xff = run(Map.of("forwarded_headers", "true"),
                "GET / HTTP/1.1\r\nHost: inner\r\nX-Forwarded-For: 203.0.113.9, 10.0.0.1\r\nX-Forwarded-Host: pub:8443\r\n\r\n");
        assertTrue(xff.contains("server=pub:8443 remote=203.0.113.9"), xff);
    }

    @Test
    void proxyProtocolSetsTheRemoteAddressOnlyFromAllowedPeers() {
        String req = "PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n";
        assertTrue(run(Map.of("proxy_protocol", "v1"), req).contains("remote=192.168.0.1"));
        assertEquals(400, status(Map.of(), req), "off: the PROXY line is not a request");
        assertEquals(403, status(Map.of("proxy_protocol", "auto", "proxy_allow_ips", "10.1.1.1"), req));
        assertEquals(400, status(Map.of("proxy_protocol", "v1"), "PROXY TCP4 1.2.3.4 5.6.7.8 99999 1\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void headAnswersWithoutBodyAndEmptyHandlerGetsNoLength() {
        String out = Http1Harness.run(ex -> { }, Map.of(), List.of(bytes("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))).outputText();
        assertFalse(out.contains("Content-Length"), out);
        assertTrue(out.endsWith("\r\n\r\n"));
    }
}
