package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge behind the container's real HTTP/1.1 connection and exchange (the container's test
 * harness, {@link RawHttp}): raw request bytes in, the bytes a client would get out. What these
 * assert is the framing and the headers as sent, which no stand-in exchange can show.
 */
class RealExchangeTest {

    private static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.create().contextPath("/app").responseEncoding("UTF-8")
                .handler("hello", (req, resp) -> {
                    resp.setContentType("text/plain");
                    resp.getWriter().print("hello " + req.getParameter("name") + " via " + req.getProtocol());
                }, "/hello")
                .handler("echo", (req, resp) -> {
                    byte[] body = req.getInputStream().readAllBytes();
                    resp.setHeader("X-Length", String.valueOf(body.length));
                    resp.setContentType("application/octet-stream");
                    resp.getOutputStream().write(body);
                }, "/echo")
                .handler("stream", (req, resp) -> {
                    resp.setContentType("text/plain");
                    var out = resp.getWriter();
                    for (int i = 0; i < 3; i++) {
                        out.print("part" + i + ";");
                        out.flush(); // commits: no length is known, so the container chunks
                    }
                }, "/stream")
                .handler("fail", (req, resp) -> resp.sendError(418, "short and stout"), "/fail")
                .resource("/static.txt", "static content")
                .start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aServletAnswersWithItsLength() {
        RawHttp.Response r = app.raw(RawHttp.get("/app/hello?name=jg"));
        assertEquals(200, r.status());
        assertEquals("hello jg via HTTP/1.1", r.text());
        assertEquals(String.valueOf(r.body().length), r.header("Content-Length"));
        assertTrue(r.header("Content-Type").startsWith("text/plain"), r.headers().toString());
        assertNull(r.header("Transfer-Encoding"));
    }

    @Test
    void aRequestBodyReachesTheServletWhetherSizedOrChunked() {
        RawHttp.Response sized = app.raw("POST /app/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde");
        assertEquals(200, sized.status());
        assertEquals("5", sized.header("X-Length"));
        assertEquals("abcde", sized.text());
        RawHttp.Response chunked = app.raw("POST /app/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        assertEquals("5", chunked.header("X-Length"));
        assertEquals("abcde", chunked.text());
    }

    @Test
    void aFlushedResponseIsChunkedOnTheWire() {
        byte[] raw = RawHttp.exchange(app.application(),
                RawHttp.get("/app/stream").getBytes(StandardCharsets.ISO_8859_1), java.util.Map.of());
        String wire = new String(raw, StandardCharsets.ISO_8859_1);
        assertTrue(wire.contains("Transfer-Encoding: chunked\r\n"), wire);
        assertTrue(wire.endsWith("0\r\n\r\n"), wire);
        assertEquals("part0;part1;part2;", RawHttp.Response.parseAll(raw).getFirst().text());
    }

    @Test
    void sendErrorAndUnknownPathsAnswerWithTheirStatus() {
        assertEquals(418, app.raw(RawHttp.get("/app/fail")).status());
        assertEquals(404, app.raw(RawHttp.get("/app/nothing-here")).status());
    }

    @Test
    void staticResourcesAndKeepAliveOnOneConnection() {
        List<RawHttp.Response> rs = app.rawAll(RawHttp.get("/app/static.txt") + RawHttp.get("/app/hello?name=two"));
        assertEquals(2, rs.size());
        assertEquals(200, rs.get(0).status());
        assertEquals("static content", rs.get(0).text());
        assertEquals("hello two via HTTP/1.1", rs.get(1).text());
    }

    @Test
    void aBadRequestIsRefusedByTheContainerBeforeTheBridge() {
        RawHttp.Response r = app.raw("GET /app/hello HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n");
        assertEquals(400, r.status());
    }
}
