package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.deploy.classloading.JspRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JspSupportTest {

    @TempDir
    Path tmp;

    @AutoClose
    final PreparedWars wars = new PreparedWars();

    static String webXml(String body) {
        return "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">" + body + "</web-app>";
    }

    static boolean hasJsp(WebAppDescriptor d) {
        return d.servlets().stream().anyMatch(s -> s.name().equals("jsp"))
                || d.initializers().stream().anyMatch(i -> i.className().equals(JspRuntime.INITIALIZER));
    }

    @Test
    void aWarWithoutJspsStartsAsBefore() throws Exception {
        var d = wars.describe(tmp, TestFiles.archive().text("index.html", "hi").text("WEB-INF/notes.txt", "x"));
        assertFalse(hasJsp(d));
    }

    @Test
    void aJspBringsTheJspServletOnBothExtensionsAndJaspersInitializerFirst() throws Exception {
        var d = wars.describe(tmp, TestFiles.archive().text("WEB-INF/views/page.jsp", "hi"));
        assertEquals(new ServletDef("jsp", JspRuntime.JSP_SERVLET, null, Map.of("fork", "false", "xpoweredBy", "false"),
                null, false, null, null, true), d.servlets().getLast());
        assertEquals(new ServletMappingDef("jsp", List.of("*.jsp", "*.jspx")), d.servletMappings().getLast());
        assertEquals(new InitializerDef(JspRuntime.INITIALIZER, null), d.initializers().getFirst());
    }

    @Test
    void pagesInLibraryJarsAndTagFilesCount() throws Exception {
        byte[] jar = TestFiles.archive().text("META-INF/resources/widgets/w.jspx", "<x/>").toZip();
        assertTrue(hasJsp(wars.describe(tmp, TestFiles.archive().bytes("WEB-INF/lib/widgets.jar", jar))));
        assertTrue(hasJsp(wars.describe(tmp, TestFiles.archive().text("WEB-INF/tags/box.tag", "<%@ tag %>"))));
    }

    @Test
    void aJspFileServletOrJspConfigAloneIsEnough() throws Exception {
        var d = wars.describe(tmp, TestFiles.archive().text("WEB-INF/web.xml", webXml(
                "<servlet><servlet-name>page</servlet-name><jsp-file>/missing.jsp</jsp-file></servlet>")));
        assertTrue(hasJsp(d));
    }

    @Test
    void pagesPrecompiledByJasperNeedItsRuntimeToo() throws Exception {
        var d = wars.describe(tmp, TestFiles.archive().classFile("WEB-INF/classes/", "org.apache.jsp.index_jsp",
                TestFiles.classFile("org.apache.jsp.index_jsp", JspSupport.JSP_PAGE_BASE)));
        assertTrue(hasJsp(d));
    }

    @Test
    void theAppsOwnServletNamedJspIsKept() throws Exception {
        var d = wars.describe(tmp, TestFiles.archive().text("page.jsp", "hi").text("WEB-INF/web.xml", webXml("""
                <servlet><servlet-name>jsp</servlet-name><servlet-class>com.example.MyJsp</servlet-class></servlet>
                <servlet-mapping><servlet-name>jsp</servlet-name><url-pattern>*.page</url-pattern></servlet-mapping>""")));
        assertEquals(List.of(ServletDef.of("jsp", "com.example.MyJsp")), d.servlets());
        assertEquals(List.of(new ServletMappingDef("jsp", List.of("*.page"))), d.servletMappings());
        assertEquals(JspRuntime.INITIALIZER, d.initializers().getFirst().className(), "Jasper still gets its TLDs scanned");
    }

    @Test
    void anExtensionTheAppMapsItselfStaysTheApps() throws Exception {
        var d = wars.describe(tmp, TestFiles.archive().text("page.jsp", "hi").text("WEB-INF/web.xml", webXml("""
                <servlet><servlet-name>templates</servlet-name><servlet-class>com.example.Templates</servlet-class></servlet>
                <servlet-mapping><servlet-name>templates</servlet-name><url-pattern>*.jsp</url-pattern></servlet-mapping>""")));
        assertEquals(new ServletMappingDef("jsp", List.of("*.jspx")), d.servletMappings().getLast());
    }

    @Test
    void withoutAJspRuntimeTheDescriptorIsLeftAlone() throws Exception {
        var d = wars.describe(tmp, TestFiles.archive().text("index.html", "hi"));
        var withJsp = new WebAppDescriptor(d.contextPath(), d.displayName(), 6, 1, d.classLoader(), d.resources(), d.tempDir(),
                Map.of(), List.of(new ServletDef("page", null, "/p.jsp", Map.of(), null, false, null, null, true)), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), d.sessionConfig(), d.security(),
                Map.of(), null, null, false, null);
        assertSame(withJsp, JspSupport.apply(withJsp, "app", false, () -> false));
        assertTrue(hasJsp(JspSupport.apply(withJsp, "app", false, () -> true)));
    }
}
