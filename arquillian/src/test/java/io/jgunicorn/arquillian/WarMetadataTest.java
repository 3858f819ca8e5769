package io.jgunicorn.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

class WarMetadataTest {

    @WebServlet(name = "named", urlPatterns = "/n")
    public static class Named extends HttpServlet {}

    @WebServlet("/d")
    public static class DefaultName extends HttpServlet {}

    public static class NotAServlet {}

    static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <servlet><servlet-name>fromXml</servlet-name><servlet-class>x.Y</servlet-class></servlet>
              <servlet-mapping><servlet-name>fromXml</servlet-name><url-pattern>/x</url-pattern></servlet-mapping>
            </web-app>
            """;

    @Test
    void servletsComeFromWebXmlAndAnnotationsWithTheSpecDefaultName() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "shop.war")
                .addClasses(Named.class, DefaultName.class, NotAServlet.class).setWebXML(new StringAsset(WEB_XML));
        WarMetadata m = WarMetadata.of(war);
        assertEquals("shop", m.baseName());
        assertEquals("/shop", m.contextPath());
        assertEquals(Set.of("fromXml", "named", DefaultName.class.getName()), m.servletNames());
    }

    static final String FRAGMENT = """
            <web-fragment xmlns="http://java.sun.com/xml/ns/javaee" version="3.0">
              <servlet><servlet-name>runner</servlet-name><servlet-class>x.Runner</servlet-class></servlet>
              <servlet-mapping><servlet-name>runner</servlet-name><url-pattern>/run</url-pattern></servlet-mapping>
            </web-fragment>
            """;

    @Test
    void servletsOfLibraryJarsCountFromTheirFragmentsAndAnnotations() {
        // as Arquillian's servlet protocol packages its runner: a web-fragment.xml in WEB-INF/lib
        WebArchive war = ShrinkWrap.create(WebArchive.class, "t.war")
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "protocol.jar")
                        .addAsManifestResource(new StringAsset(FRAGMENT), "web-fragment.xml"))
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "annotated.jar").addClasses(Named.class, NotAServlet.class));
        assertEquals(Set.of("runner", "named"), WarMetadata.of(war).servletNames());
    }

    @Test
    void aMetadataCompleteWebXmlIgnoresAnnotationsAndFragments() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "t.war")
                .setWebXML(new StringAsset(WEB_XML.replace("version=\"6.1\"", "version=\"6.1\" metadata-complete=\"true\"")))
                .addClass(Named.class)
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "protocol.jar")
                        .addAsManifestResource(new StringAsset(FRAGMENT), "web-fragment.xml"));
        assertEquals(Set.of("fromXml"), WarMetadata.of(war).servletNames());
    }

    @Test
    void contextPathsFollowTheDeployDirectoryNaming() {
        assertEquals("", WarMetadata.contextPath("ROOT"));
        assertEquals("/a/b", WarMetadata.contextPath("a#b"));
    }

    @Test
    void onlyWebArchivesDeploy() {
        assertThrows(IllegalArgumentException.class, () -> WarMetadata.of(ShrinkWrap.create(JavaArchive.class, "x.jar")));
    }

    @Test
    void theHttpContextListsEachServletUnderTheContextPathOrTheDefaultServlet() {
        HTTPContext http = JgunicornContainer.httpContext(new Target("127.0.0.1", 8080, false),
                new WarMetadata("shop", "/shop", new java.util.LinkedHashSet<>(List.of("a", "b"))));
        assertEquals(Set.of("a", "b"), java.util.Set.copyOf(http.getServlets().stream().map(Servlet::getName).toList()));
        assertEquals("http://127.0.0.1:8080/shop/", http.getServlets().getFirst().getBaseURI().toString());
        HTTPContext none = JgunicornContainer.httpContext(new Target("127.0.0.1", 8443, true),
                new WarMetadata("app", "/app", Set.of()));
        assertEquals("https://127.0.0.1:8443/app/", none.getServletByName("default").getBaseURI().toString());
        HTTPContext root = JgunicornContainer.httpContext(new Target("127.0.0.1", 8080, false),
                WarMetadata.of(ShrinkWrap.create(WebArchive.class, "ROOT.war").addClass(Named.class)));
        assertEquals("http://127.0.0.1:8080/", root.getServletByName("named").getBaseURI().toString());
    }
}
