package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgunicorn.bridge.testkit.PathServlet;
import io.jgunicorn.bridge.testkit.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** getServletPath/getPathInfo/getHttpServletMapping for every mapping kind, as the spec's table says. */
class MappingTest {

    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        app = TestApp.create().contextPath("/ctx")
                .servlet("root", PathServlet.class, "")
                .servlet("exact", PathServlet.class, "/MyServlet")
                .servlet("path", PathServlet.class, "/path/*")
                .servlet("ext", PathServlet.class, "*.extension")
                .servlet("default", PathServlet.class, "/")
                .servlet("all", PathServlet.class, "/all/*", "/exact/all")
                .start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "/ctx/ |/|CONTEXT_ROOT|||root|/ctx/|/ctx|REQUEST",
        "/ctx/index.html /index.html|null|DEFAULT||/|default|/ctx/index.html|/ctx|REQUEST",
        "/ctx/MyServlet/index.html /MyServlet/index.html|null|DEFAULT||/|default|/ctx/MyServlet/index.html|/ctx|REQUEST",
        "/ctx/MyServlet /MyServlet|null|EXACT|MyServlet|/MyServlet|exact|/ctx/MyServlet|/ctx|REQUEST",
        "/ctx/MyServlet/foo /MyServlet/foo|null|DEFAULT||/|default|/ctx/MyServlet/foo|/ctx|REQUEST",
        "/ctx/foo.extension /foo.extension|null|EXTENSION|foo|*.extension|ext|/ctx/foo.extension|/ctx|REQUEST",
        "/ctx/bar/foo.extension /bar/foo.extension|null|EXTENSION|bar/foo|*.extension|ext|/ctx/bar/foo.extension|/ctx|REQUEST",
        "/ctx/path/foo /path|/foo|PATH|foo|/path/*|path|/ctx/path/foo|/ctx|REQUEST",
        "/ctx/path/foo/bar /path|/foo/bar|PATH|foo/bar|/path/*|path|/ctx/path/foo/bar|/ctx|REQUEST",
        "/ctx/path /path|null|PATH||/path/*|path|/ctx/path|/ctx|REQUEST",
        "/ctx/path/a.extension /path|/a.extension|PATH|a.extension|/path/*|path|/ctx/path/a.extension|/ctx|REQUEST",
        "/ctx/exact/all /exact/all|null|EXACT|exact/all|/exact/all|all|/ctx/exact/all|/ctx|REQUEST",
        "/ctx/path/a%20b;x=y /path|/a b|PATH|a b|/path/*|path|/ctx/path/a%20b;x=y|/ctx|REQUEST",
        "/ctx/path/a/../b /path|/b|PATH|b|/path/*|path|/ctx/path/a/../b|/ctx|REQUEST",
    })
    void mappingFollowsTheSpecTable(String target, String expected) throws Exception {
        // the CSV delimiter is a space, so a decoded space is written as U+00A0 in the table
        assertEquals(expected.replace('\u00a0', ' '), app.get(target).text());
    }

    @ParameterizedTest
    @CsvSource({
        "/ctx/path/a%2Fb",
        "/ctx/path/a%2fb",
        "/ctx/path/a%5Cb",
        "/ctx/path/%2e%2e/x",
        "/ctx/path/%2E/x",
        "/ctx/../etc/passwd",
        "/ctx/path/../../x",
        "/ctx/path/%C3%28",
        "/ctx/path/%2e%2E",
    })
    void suspiciousPathsAreRefusedWith400(String target) throws Exception {
        assertEquals(400, app.get(target).status());
    }

    @org.junit.jupiter.api.Test
    void contextPathWithoutSlashRedirectsToTheContextRoot() throws Exception {
        var exchange = app.get("/ctx?a=1");
        assertEquals(302, exchange.status());
        assertEquals("/ctx/?a=1", exchange.header("Location"));
    }

    @org.junit.jupiter.api.Test
    void pathOutsideTheContextIs404() throws Exception {
        assertEquals(404, app.get("/other/x").status());
        assertEquals(404, app.get("/ctxfoo").status());
    }
}
