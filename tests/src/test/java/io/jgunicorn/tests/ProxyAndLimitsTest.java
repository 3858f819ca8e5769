package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Body limits and trusted-proxy settings, given on the real command line. */
class ProxyAndLimitsTest {

    static JsonNode info(int port, String extraHeaders) throws Exception {
        Http.Response r = Http.exchange(port, "GET /request/info HTTP/1.1\r\nHost: shop.example:8443\r\nConnection: close\r\n"
                + extraHeaders + "\r\n");
        assertEquals(200, r.status(), r.text());
        return new ObjectMapper().readTree(r.body());
    }

    static String spec() {
        return Jgunicorn.exampleWar("spec").toString();
    }

    @Test
    void limitRequestBodyAnswers413() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--limit-request-body", "100", Jgunicorn.exampleWar("echo").toString())) {
            assertEquals(200, Http.request(j.port(), "POST", "/", "text/plain", new byte[100]).status());
            Http.Response big = Http.request(j.port(), "POST", "/", "text/plain", new byte[101]);
            assertEquals(413, big.status());
            assertEquals("close", big.header("Connection"));
            String chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "64\r\n" + "a".repeat(100) + "\r\n1\r\nb\r\n0\r\n\r\n";
            assertEquals(413, Http.exchange(j.port(), chunked).status());
        }
    }

    @Test
    void forwardedHeadersFromTrustedPeersFeedAddressSchemeAndHost() throws Exception {
        String xf = "X-Forwarded-For: 203.0.113.9, 127.0.0.1\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: www.example.org\r\n";
        try (Jgunicorn j = Jgunicorn.start("--forwarded-headers", spec())) {
            JsonNode i = info(j.port(), xf);
            assertEquals("203.0.113.9", i.get("remoteAddr").asText());
            assertEquals("https", i.get("scheme").asText());
            assertTrue(i.get("secure").asBoolean());
            assertEquals("www.example.org", i.get("serverName").asText());
        }
        try (Jgunicorn j = Jgunicorn.start(spec())) {
            // without the opt-in only secure_scheme_headers count (as in Gunicorn)
            JsonNode i = info(j.port(), xf);
            assertEquals("127.0.0.1", i.get("remoteAddr").asText());
            assertEquals("https", i.get("scheme").asText());
            assertEquals("shop.example", i.get("serverName").asText());
            assertEquals(8443, i.get("serverPort").asInt());
        }
        try (Jgunicorn j = Jgunicorn.start("--forwarded-headers", "--forwarded-allow-ips", "10.0.0.1", spec())) {
            // we are not a trusted front end: nothing forwarded counts
            JsonNode i = info(j.port(), xf);
            assertEquals("127.0.0.1", i.get("remoteAddr").asText());
            assertEquals("http", i.get("scheme").asText());
            assertFalse(i.get("secure").asBoolean());
        }
    }

    @Test
    void proxyProtocolSetsTheClientAddress() throws Exception {
        try (Jgunicorn j = Jgunicorn.start("--proxy-protocol", "v1", spec())) {
            Http.Response r = Http.exchange(j.port(), "PROXY TCP4 198.51.100.7 127.0.0.1 5555 80\r\n"
                    + "GET /request/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals("198.51.100.7", new ObjectMapper().readTree(r.body()).get("remoteAddr").asText());
            // as in Gunicorn the header is detected: without it, the client is the socket's peer
            assertEquals("127.0.0.1", new ObjectMapper().readTree(Http.get(j.port(), "/request/info").body())
                    .get("remoteAddr").asText());
        }
        try (Jgunicorn j = Jgunicorn.start("--proxy-protocol", "--proxy-allow-from", "10.9.9.9", spec())) {
            // the bare flag means auto; our address is not allowed to send PROXY headers
            Http.Response r = Http.exchange(j.port(), "PROXY TCP4 198.51.100.7 127.0.0.1 5555 80\r\n"
                    + "GET /request/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(r.status() >= 400 || !r.text().contains("198.51.100.7"), r.text());
        }
    }
}
