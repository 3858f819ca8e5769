package io.jgunicorn.bridge.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.testkit.TestApp;
import org.junit.jupiter.api.Test;

class ProtectedPathsTest {

    @Test
    void webInfAndMetaInfAreRefusedInAnyCaseAndAfterEmptySegments() {
        for (String p : new String[] {"/WEB-INF", "/WEB-INF/", "/WEB-INF/web.xml", "/web-inf/x", "/Meta-Inf/MANIFEST.MF",
                "/META-INF", "//WEB-INF/x", "///meta-inf"}) {
            assertTrue(ProtectedPaths.refuses(p), p);
        }
        for (String p : new String[] {"/", "/WEB-INFO", "/x/WEB-INF/y", "/META-INF.txt", "/WEB-IN", "/index.html"}) {
            assertFalse(ProtectedPaths.refuses(p), p);
        }
    }

    @Test
    void aServletMappedAtSlashStarNeverSeesThemButItsForwardsThereStillWork() throws Exception {
        try (TestApp app = TestApp.create()
                .handler("all", (req, resp) -> {
                    if (req.getPathInfo() != null && req.getPathInfo().startsWith("/to-jsp")) {
                        req.getRequestDispatcher("/WEB-INF/views/page").forward(req, resp);
                    } else {
                        resp.getWriter().print("all " + req.getPathInfo());
                    }
                }, "/*")
                .handler("view", (req, resp) -> resp.getWriter().print("view " + req.getServletPath()), "/WEB-INF/views/page")
                .handler("notFound", (req, resp) -> resp.getWriter().print("our 404 page"), "/not-found")
                .errorPage(404, null, "/not-found")
                .start()) {
            for (String target : new String[] {"/WEB-INF/web.xml", "/web-inf/views/page", "/a/../META-INF/MANIFEST.MF",
                    "/%57EB-INF/web.xml", "/WEB-INF;x=1/web.xml", "/./WEB-INF"}) {
                var ex = app.get(target);
                assertEquals(404, ex.status(), target);
                assertEquals("our 404 page", ex.text(), target);
            }
            assertEquals("all /WEB-INFO/x", app.get("/WEB-INFO/x").text());
            assertEquals("view /WEB-INF/views/page", app.get("/to-jsp").text());
        }
    }
}
