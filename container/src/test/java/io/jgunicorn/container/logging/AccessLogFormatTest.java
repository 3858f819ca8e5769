package io.jgunicorn.container.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.lifecycle.RequestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class AccessLogFormatTest {

    private static final ZoneId ZONE = ZoneId.of("+02:00");
    private static final Map<String, String> ENV = Map.of("DEPLOY_COLOR", "blue");

    private static RequestRecord record() {
        HttpFields req = HttpFields.build()
                .add("Host", "example.org")
                .add("Referer", "http://ref.example/page")
                .add("User-Agent", "curl/8.5")
                .add("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "alice:secret".getBytes(StandardCharsets.UTF_8)))
                .add("X-Trace", "t-1");
        HttpFields resp = HttpFields.build().add("Content-Type", "text/plain").add("X-Served-By", "w1");
        // 1.234567 s after 2026-11-25 10:00:00 UTC
        return new RequestRecord(Instant.parse("2026-11-25T10:00:00Z"), 1_234_567_891L, "10.1.2.3", "GET",
                "/shop/items?id=7&x=1", "HTTP/1.1", 201, 180, req, resp, "ab-1", 42);
    }

    private static String fmt(String format, RequestRecord r) {
        return AccessLogFormat.parse(format, ENV::get, ZONE).format(r);
    }

    @Test
    void environAtomsSeeTheRequestAsGunicornsEnvironThenTheProcessEnvironment() {
        RequestRecord r = record();
        assertEquals("10.1.2.3 GET /shop/items id=7&x=1 HTTP/1.1", fmt(
                "%({REMOTE_ADDR}e)s %({request_method}e)s %({PATH_INFO}e)s %({QUERY_STRING}e)s %({SERVER_PROTOCOL}e)s", r));
        assertEquals("/shop/items?id=7&x=1 example.org t-1 curl/8.5",
                fmt("%({RAW_URI}e)s %({SERVER_NAME}e)s %({HTTP_X_TRACE}e)s %({http_user_agent}e)s", r));
        assertEquals("- blue -", fmt("%({SERVER_PORT}e)s %({DEPLOY_COLOR}e)s %({HTTP_X_ABSENT}e)s", r));
    }

    @Test
    void everyGunicornAtom() {
        RequestRecord r = record();
        assertEquals("10.1.2.3", fmt("%(h)s", r));
        assertEquals("-", fmt("%(l)s", r));
        assertEquals("alice", fmt("%(u)s", r));
        assertEquals("[25/Nov/2026:12:00:01 +0200]", fmt("%(t)s", r));
        assertEquals("GET /shop/items?id=7&x=1 HTTP/1.1", fmt("%(r)s", r));
        assertEquals("GET", fmt("%(m)s", r));
        assertEquals("/shop/items", fmt("%(U)s", r));
        assertEquals("id=7&x=1", fmt("%(q)s", r));
        assertEquals("HTTP/1.1", fmt("%(H)s", r));
        assertEquals("201", fmt("%(s)s", r));
        assertEquals("42", fmt("%(B)s", r));
        assertEquals("42", fmt("%(b)s", r));
        assertEquals("http://ref.example/page", fmt("%(f)s", r));
        assertEquals("curl/8.5", fmt("%(a)s", r));
        assertEquals("1", fmt("%(T)s", r));
        assertEquals("1235", fmt("%(M)s", r));
        assertEquals("1234567", fmt("%(D)s", r));
        assertEquals("1.234567", fmt("%(L)s", r));
        assertEquals("<" + ProcessHandle.current().pid() + ">", fmt("%(p)s", r));
        assertEquals("t-1", fmt("%({x-trace}i)s", r), "request headers by any case");
        assertEquals("w1", fmt("%({X-Served-By}o)s", r));
        assertEquals("blue", fmt("%({DEPLOY_COLOR}e)s", r));
    }

    @Test
    void missingValuesAreDashes() {
        RequestRecord r = new RequestRecord(Instant.EPOCH, 0, "-", "POST", "/", "HTTP/1.0", 204, 0,
                HttpFields.EMPTY, HttpFields.EMPTY, null, 0);
        assertEquals("- - - - 0 [] -", fmt("%(u)s %(f)s %(a)s %(b)s %(B)s [%(q)s] %({nope}i)s", r));
        assertEquals("- -", fmt("%({NOT_SET_ANYWHERE}e)s %(Z)s", r), "unknown atoms are '-', as in Gunicorn");
        assertEquals("0.000000", fmt("%(L)s", r));
    }

    @Test
    void gunicornDefaultFormat() {
        String def = "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"";
        assertEquals("10.1.2.3 - alice [25/Nov/2026:12:00:01 +0200] \"GET /shop/items?id=7&x=1 HTTP/1.1\" 201 42 "
                + "\"http://ref.example/page\" \"curl/8.5\"", fmt(def, record()));
    }

    @Test
    void literalsPercentsAndDigitConversion() {
        assertEquals("100% 201 done", fmt("100%% %(s)d done", record()));
        assertEquals("%(unclosed", fmt("%(unclosed", record()));
    }

    @Test
    void refusedHeadHasNoRequestLine() {
        RequestRecord r = new RequestRecord(Instant.EPOCH, 0, "127.0.0.1", null, null, "HTTP/1.1", 400, 90,
                HttpFields.EMPTY, HttpFields.EMPTY, null, 12);
        assertEquals("\"-\" 400 12", fmt("\"%(r)s\" %(s)s %(b)s", r));
    }

    @Test
    void absoluteFormTargetGivesThePath() {
        RequestRecord base = record();
        RequestRecord r = new RequestRecord(base.start(), 0, "-", "GET", "http://example.org/a/b?c=d", "HTTP/1.1",
                200, 0, HttpFields.EMPTY, HttpFields.EMPTY, null, 0);
        assertEquals("/a/b c=d", fmt("%(U)s %(q)s", r));
    }

    @Test
    void jsonCarriesEveryAtomAndEscapes() {
        String json = AccessLog.json(AccessLogFormat.parse("", ENV::get, ZONE).fields(record()));
        for (String part : new String[] {"\"remote_addr\":\"10.1.2.3\"", "\"user\":\"alice\"", "\"status\":201",
                "\"bytes\":42", "\"method\":\"GET\"", "\"path\":\"/shop/items\"", "\"query\":\"id=7&x=1\"",
                "\"protocol\":\"HTTP/1.1\"", "\"referer\":\"http://ref.example/page\"", "\"user_agent\":\"curl/8.5\"",
                "\"duration_us\":1234567", "\"duration_ms\":1235", "\"duration_s\":1.234567",
                "\"request\":\"GET /shop/items?id=7&x=1 HTTP/1.1\"", "\"time\":\"2026-11-25T10:00:01.234567891Z\"",
                "\"request_id\":\"ab-1\"", "\"pid\":" + ProcessHandle.current().pid()}) {
            assertTrue(json.contains(part), part + " in " + json);
        }
        assertEquals("{\"a\":\"q\\\"b\\\\c\\u0001\"}", AccessLog.json(Map.of("a", "q\"b\\c\u0001")));
    }
}
