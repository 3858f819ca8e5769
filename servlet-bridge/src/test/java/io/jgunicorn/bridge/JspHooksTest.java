package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgunicorn.bridge.deployment.JspConfigDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.testkit.TestApp;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.descriptor.JspConfigDescriptor;
import jakarta.servlet.descriptor.JspPropertyGroupDescriptor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the bridge offers a JSP engine: jsp-file servlets, addJspFile and getJspConfigDescriptor. */
class JspHooksTest {

    /** Stands in for Jasper's JspServlet: tells which page it was asked to serve and with which params. */
    public static class FakeJspServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().print(getInitParameter("jspFile") + " " + getInitParameter("greeting") + " " + getInitParameter("fork"));
        }
    }

    public static class AddsJspFile implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
            ctx.addJspFile("added", "/WEB-INF/added.jsp").addMapping("/added");
        }
    }

    private static ServletDef jspServlet() {
        return new ServletDef("jsp", FakeJspServlet.class.getName(), null, Map.of("fork", "false", "greeting", "default"),
                null, false, null, null, true);
    }

    private static ServletDef jspFile(String name, String file) {
        return new ServletDef(name, null, file, Map.of("greeting", "hi"), null, false, null, null, true);
    }

    @Test
    void jspFileServletRunsTheJspServletWithItsOwnParamsFirst() throws Exception {
        try (TestApp app = TestApp.create().servlet(jspServlet(), "*.jsp").servlet(jspFile("page", "/WEB-INF/page.jsp"), "/page").start()) {
            assertEquals("/WEB-INF/page.jsp hi false", app.get("/page").text());
        }
    }

    @Test
    void jspFileWithoutAJspServletStaysUnmappedAndTheAppStillStarts() throws Exception {
        try (TestApp app = TestApp.create().servlet(jspFile("page", "/page.jsp"), "/page").start()) {
            assertEquals(404, app.get("/page").status());
        }
    }

    @Test
    void addJspFileRegistersAJspServletInstance() throws Exception {
        try (TestApp app = TestApp.create().servlet(jspServlet(), "*.jsp").initializer(AddsJspFile.class, null).start()) {
            assertEquals("/WEB-INF/added.jsp default false", app.get("/added").text());
        }
    }

    @Test
    void addJspFileWithoutAJspServletIsRefused() {
        var app = TestApp.create().initializer(AddsJspFile.class, null);
        Exception e = assertThrows(Exception.class, app::start);
        assertEquals(UnsupportedOperationException.class, rootCause(e).getClass(), e.toString());
    }

    @Test
    void jspConfigDescriptorReportsTheDescriptorsJspConfig() throws Exception {
        var group = new JspConfigDef.PropertyGroup(List.of("/views/*"), "false", null, "UTF-8", "true", null,
                List.of("/WEB-INF/prelude.jspf"), List.of("/WEB-INF/coda.jspf"), null, "true", null, null, null);
        var config = new JspConfigDef(List.of(new JspConfigDef.Taglib("urn:x", "/WEB-INF/x.tld")), List.of(group));
        String[] seen = new String[1];
        try (TestApp app = TestApp.create().jspConfig(config).handler("show", (req, resp) -> {
            JspConfigDescriptor d = req.getServletContext().getJspConfigDescriptor();
            var taglib = d.getTaglibs().iterator().next();
            JspPropertyGroupDescriptor g = d.getJspPropertyGroups().iterator().next();
            seen[0] = taglib.getTaglibURI() + " " + taglib.getTaglibLocation() + " " + g.getUrlPatterns() + " " + g.getElIgnored()
                    + " " + g.getPageEncoding() + " " + g.getScriptingInvalid() + " " + g.getIncludePreludes() + " "
                    + g.getIncludeCodas() + " " + g.getTrimDirectiveWhitespaces() + " " + g.getIsXml();
        }, "/show").start()) {
            app.get("/show");
        }
        assertEquals("urn:x /WEB-INF/x.tld [/views/*] false UTF-8 true [/WEB-INF/prelude.jspf] [/WEB-INF/coda.jspf] true null", seen[0]);
    }

    @Test
    void noJspConfigMeansNoDescriptor() throws Exception {
        Object[] seen = {"unset"};
        try (TestApp app = TestApp.create().handler("show", (req, resp) -> seen[0] = req.getServletContext().getJspConfigDescriptor(), "/show").start()) {
            app.get("/show");
        }
        assertEquals(null, seen[0]);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
