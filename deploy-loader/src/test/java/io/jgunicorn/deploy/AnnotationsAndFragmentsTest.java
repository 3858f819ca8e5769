package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.JspConfigDef;
import io.jgunicorn.bridge.deployment.MultipartConfigDef;
import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.fixtures.AnnotatedFilter;
import io.jgunicorn.deploy.fixtures.AnnotatedListener;
import io.jgunicorn.deploy.fixtures.AnnotatedServlet;
import io.jgunicorn.deploy.fixtures.DefaultNamedServlet;
import io.jgunicorn.deploy.fixtures.FixtureInitializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationsAndFragmentsTest {

    @TempDir
    Path tmp;

    @AutoClose
    final PreparedWars wars = new PreparedWars();

    WebAppDescriptor describe(TestFiles.Archive war) throws Exception {
        return wars.describe(tmp, war);
    }

    static String webXml(String attrs, String body) {
        return "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\" " + attrs + ">" + body + "</web-app>";
    }

    static byte[] fragmentJar(String name, String ordering, String body, Class<?>... classes) throws Exception {
        String xml = "<web-fragment xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">"
                + (name == null ? "" : "<name>" + name + "</name>") + ordering + body + "</web-fragment>";
        return TestFiles.archive().text("META-INF/web-fragment.xml", xml).classes("", classes).toZip();
    }

    static String listener(String cls) {
        return "<listener><listener-class>" + cls + "</listener-class></listener>";
    }

    @Test
    void jspConfigOfWebXmlComesBeforeTheFragments() throws Exception {
        String taglib = "<jsp-config><taglib><taglib-uri>urn:%s</taglib-uri><taglib-location>/WEB-INF/%s.tld</taglib-location></taglib></jsp-config>";
        var d = describe(TestFiles.archive()
                .text("WEB-INF/web.xml", webXml("", taglib.formatted("main", "main")))
                .bytes("WEB-INF/lib/f.jar", fragmentJar("f", "", taglib.formatted("frag", "frag"))));
        assertEquals(List.of(new JspConfigDef.Taglib("urn:main", "/WEB-INF/main.tld"), new JspConfigDef.Taglib("urn:frag", "/WEB-INF/frag.tld")),
                d.jspConfig().taglibs());
    }

    @Test
    void readsServletAnnotationsFromClassFiles() throws Exception {
        var d = describe(TestFiles.archive().classes("WEB-INF/classes/", AnnotatedServlet.class, DefaultNamedServlet.class));
        assertEquals(List.of(
                new ServletDef("annotated", AnnotatedServlet.class.getName(), null, Map.of("p", "1", "q", "2"), 2, true,
                        new MultipartConfigDef("", 1024, -1, 16), null, true),
                ServletDef.of(DefaultNamedServlet.class.getName(), DefaultNamedServlet.class.getName())), d.servlets());
        assertEquals(List.of(new ServletMappingDef("annotated", List.of("/a", "/a/*")),
                new ServletMappingDef(DefaultNamedServlet.class.getName(), List.of("/plain"))), d.servletMappings());
    }

    @Test
    void servletSecurityBecomesConstraints() throws Exception {
        var d = describe(TestFiles.archive().classes("WEB-INF/classes/", AnnotatedServlet.class));
        List<String> patterns = List.of("/a", "/a/*");
        assertEquals(List.of(
                new SecurityDef.Constraint(patterns, Set.of("DELETE"), Set.of(), Set.of("admin"), "NONE"),
                new SecurityDef.Constraint(patterns, Set.of("TRACE"), Set.of(), Set.of(), "NONE"),
                new SecurityDef.Constraint(patterns, Set.of(), Set.of("DELETE", "TRACE"), Set.of("user"), "NONE")),
                d.security().constraints());
    }

    @Test
    void readsFilterAndListenerAnnotations() throws Exception {
        var d = describe(TestFiles.archive().classes("WEB-INF/classes/", AnnotatedFilter.class, AnnotatedListener.class));
        assertEquals(List.of(new FilterDef("audit", AnnotatedFilter.class.getName(), Map.of("level", "high"), true)), d.filters());
        assertEquals(List.of(new FilterMappingDef("audit", List.of("/*"), List.of("annotated"), Set.of("REQUEST", "ERROR"))),
                d.filterMappings());
        assertEquals(List.of(AnnotatedListener.class.getName()), d.listeners());
    }

    @Test
    void webXmlOverridesAnnotationsOfTheSameName() throws Exception {
        var d = describe(TestFiles.archive()
                .text("WEB-INF/web.xml", webXml("", """
                        <servlet><servlet-name>annotated</servlet-name><servlet-class>io.jgunicorn.deploy.fixtures.AnnotatedServlet</servlet-class>
                          <init-param><param-name>p</param-name><param-value>web.xml</param-value></init-param></servlet>
                        <servlet-mapping><servlet-name>annotated</servlet-name><url-pattern>/mine</url-pattern></servlet-mapping>"""))
                .classes("WEB-INF/classes/", AnnotatedServlet.class));
        ServletDef s = d.servlets().getFirst();
        assertEquals(Map.of("p", "web.xml", "q", "2"), s.initParams(), "web.xml value wins, annotation adds the rest");
        assertEquals(List.of(new ServletMappingDef("annotated", List.of("/mine"))), d.servletMappings());
        assertEquals(List.of("/mine"), d.security().constraints().getFirst().urlPatterns(), "@ServletSecurity follows the effective mapping");
    }

    @Test
    void aSecurityConstraintOfWebXmlTakesTheAnnotationsPlaceOnItsPattern() throws Exception {
        var d = describe(TestFiles.archive()
                .text("WEB-INF/web.xml", webXml("", """
                        <security-constraint>
                          <web-resource-collection><web-resource-name>a</web-resource-name><url-pattern>/a</url-pattern></web-resource-collection>
                          <auth-constraint><role-name>admin</role-name></auth-constraint>
                        </security-constraint>"""))
                .classes("WEB-INF/classes/", AnnotatedServlet.class));
        List<SecurityDef.Constraint> onA = d.security().constraints().stream()
                .filter(c -> c.urlPatterns().contains("/a")).toList();
        assertEquals(1, onA.size(), "only web.xml's constraint covers /a: " + d.security().constraints());
        assertEquals(Set.of("admin"), onA.getFirst().rolesAllowed());
        assertTrue(d.security().constraints().stream().anyMatch(c -> c.urlPatterns().equals(List.of("/a/*"))
                && Set.of("user").equals(c.rolesAllowed())), "the annotation still covers /a/*: " + d.security().constraints());
    }

    @Test
    void metadataCompleteSkipsAnnotationsAndFragments() throws Exception {
        var d = describe(TestFiles.archive()
                .text("WEB-INF/web.xml", webXml("metadata-complete=\"true\"", ""))
                .classes("WEB-INF/classes/", AnnotatedServlet.class, AnnotatedFilter.class, AnnotatedListener.class)
                .bytes("WEB-INF/lib/frag.jar", fragmentJar("frag", "", listener("com.example.FragListener"))));
        assertEquals(List.of(), d.servlets());
        assertEquals(List.of(), d.filters());
        assertEquals(List.of(), d.listeners());
    }

    @Test
    void fragmentsAreMergedInRelativeOrder() throws Exception {
        var d = describe(TestFiles.archive()
                .text("WEB-INF/web.xml", webXml("", listener("com.example.Main")))
                .bytes("WEB-INF/lib/a.jar", fragmentJar("A", "<ordering><after><others/></after></ordering>", listener("com.example.A")))
                .bytes("WEB-INF/lib/b.jar", fragmentJar("B", "", listener("com.example.B")))
                .bytes("WEB-INF/lib/c.jar", fragmentJar("C", "<ordering><before><others/></before></ordering>", listener("com.example.C")))
                .bytes("WEB-INF/lib/d.jar", fragmentJar("D", "<ordering><before><name>C</name></before></ordering>", listener("com.example.D"))));
        assertEquals(List.of("com.example.Main", "com.example.D", "com.example.C", "com.example.B", "com.example.A"), d.listeners());
    }

    @Test
    void namedAfterAndBeforeConstraintsAreStrict() throws Exception {
        var d = describe(TestFiles.archive()
                .bytes("WEB-INF/lib/a.jar", fragmentJar("A", "<ordering><after><name>C</name></after></ordering>", listener("com.example.A")))
                .bytes("WEB-INF/lib/b.jar", fragmentJar("B", "<ordering><before><name>C</name></before></ordering>", listener("com.example.B")))
                .bytes("WEB-INF/lib/c.jar", fragmentJar("C", "", listener("com.example.C")))
                .bytes("WEB-INF/lib/d.jar", fragmentJar(null, "", listener("com.example.D"))));
        List<String> order = d.listeners();
        assertTrue(order.indexOf("com.example.B") < order.indexOf("com.example.C"), order.toString());
        assertTrue(order.indexOf("com.example.C") < order.indexOf("com.example.A"), order.toString());
        assertEquals(4, order.size());
    }

    @Test
    void afterOthersPullsItsFollowersToTheEnd() throws Exception {
        var d = describe(TestFiles.archive()
                .bytes("WEB-INF/lib/a.jar", fragmentJar("A", "<ordering><after><name>Z</name></after></ordering>", listener("com.example.A")))
                .bytes("WEB-INF/lib/b.jar", fragmentJar("B", "", listener("com.example.B")))
                .bytes("WEB-INF/lib/z.jar", fragmentJar("Z", "<ordering><after><others/></after></ordering>", listener("com.example.Z"))));
        assertEquals(List.of("com.example.B", "com.example.Z", "com.example.A"), d.listeners());
    }

    @Test
    void absoluteOrderingSelectsAndOrdersFragments() throws Exception {
        var d = describe(TestFiles.archive()
                .text("WEB-INF/web.xml", webXml("", "<absolute-ordering><name>B</name><name>A</name></absolute-ordering>"))
                .bytes("WEB-INF/lib/a.jar", fragmentJar("A", "", listener("com.example.A")))
                .bytes("WEB-INF/lib/b.jar", fragmentJar("B", "", listener("com.example.B")))
                .bytes("WEB-INF/lib/c.jar", fragmentJar("C", "", listener("com.example.C"), AnnotatedListener.class)));
        assertEquals(List.of("com.example.B", "com.example.A"), d.listeners(), "C and its annotations are excluded");
    }

    @Test
    void absoluteOrderingWithOthers() throws Exception {
        var d = describe(TestFiles.archive()
                .text("WEB-INF/web.xml", webXml("", "<absolute-ordering><others/><name>A</name></absolute-ordering>"))
                .bytes("WEB-INF/lib/a.jar", fragmentJar("A", "", listener("com.example.A")))
                .bytes("WEB-INF/lib/b.jar", fragmentJar("B", "", listener("com.example.B")))
                .bytes("WEB-INF/lib/plain.jar", TestFiles.archive().classes("", AnnotatedListener.class).toZip()));
        assertEquals(List.of("com.example.B", AnnotatedListener.class.getName(), "com.example.A"), d.listeners());
    }

    @Test
    void orderingCycleIsAnErrorNamingTheFragments() {
        var e = assertThrows(AppLoadException.class, () -> describe(TestFiles.archive()
                .bytes("WEB-INF/lib/a.jar", fragmentJar("A", "<ordering><after><name>B</name></after></ordering>", ""))
                .bytes("WEB-INF/lib/b.jar", fragmentJar("B", "<ordering><after><name>A</name></after></ordering>", ""))));
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("A (a.jar)") && e.getMessage().contains("B (b.jar)"), e.getMessage());
    }

    @Test
    void aGlassFishRoleMappingJoinsTheSecurityOfTheDescriptor() throws Exception {
        var d = describe(TestFiles.archive().text("WEB-INF/web.xml", webXml("", "<login-config><auth-method>CLIENT-CERT</auth-method></login-config>"))
                .text("WEB-INF/glassfish-web.xml", "<glassfish-web-app><security-role-mapping><role-name>admin</role-name>"
                        + "<principal-name>CN=ops, O=Example</principal-name></security-role-mapping></glassfish-web-app>"));
        assertEquals("CLIENT-CERT", d.security().authMethod());
        assertEquals(List.of(new io.jgunicorn.bridge.deployment.RoleMappingDef.Mapping("admin", List.of("CN=ops, O=Example"), List.of())),
                d.security().roleMapping().mappings());
        assertTrue(describe(TestFiles.archive().text("WEB-INF/web.xml", webXml("", ""))).security().roleMapping().isEmpty(),
                "no vendor descriptor, no mapping");
    }

    @Test
    void aMalformedGlassFishWebXmlFailsTheDeployNamingTheFile() {
        var e = assertThrows(AppLoadException.class, () -> describe(TestFiles.archive()
                .text("WEB-INF/glassfish-web.xml", "<glassfish-web-app><security-role-mapping><role-name>admin</role-name>")));
        assertTrue(e.getMessage().contains("WEB-INF/glassfish-web.xml: not well-formed XML"), e.getMessage());
    }

    @Test
    void duplicateFragmentNamesAreAnError() {
        var e = assertThrows(AppLoadException.class, () -> describe(TestFiles.archive()
                .bytes("WEB-INF/lib/a.jar", fragmentJar("X", "", ""))
                .bytes("WEB-INF/lib/b.jar", fragmentJar("X", "", ""))));
        assertTrue(e.getMessage().contains("'X'") && e.getMessage().contains("a.jar") && e.getMessage().contains("b.jar"), e.getMessage());
    }

    @Test
    void metadataCompleteFragmentKeepsItsDescriptorButNotItsAnnotations() throws Exception {
        String xml = "<web-fragment xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\" metadata-complete=\"true\">"
                + listener("com.example.F") + "</web-fragment>";
        var d = describe(TestFiles.archive().bytes("WEB-INF/lib/f.jar",
                TestFiles.archive().text("META-INF/web-fragment.xml", xml).classes("", AnnotatedListener.class).toZip()));
        assertEquals(List.of("com.example.F"), d.listeners());
    }

    @Test
    void initializersAreFoundWithTheirHandlesTypes() throws Exception {
        byte[] lib = TestFiles.archive()
                .text(io.jgunicorn.deploy.scan.InitializerScanner.JAKARTA_SERVICE, "# the library's initializer\n" + FixtureInitializer.class.getName() + "\n")
                .classes("", FixtureInitializer.class, FixtureInitializer.Plugin.class, FixtureInitializer.Marker.class)
                .toZip();
        var d = describe(TestFiles.archive()
                .text("WEB-INF/classes/" + io.jgunicorn.deploy.scan.InitializerScanner.JAKARTA_SERVICE, "com.example.OwnInitializer")
                .classes("WEB-INF/classes/", FixtureInitializer.SubPlugin.class, FixtureInitializer.AbstractPlugin.class,
                        FixtureInitializer.ConcretePlugin.class, FixtureInitializer.Marked.class, FixtureInitializer.Unrelated.class)
                .bytes("WEB-INF/lib/lib.jar", lib));
        assertEquals(2, d.initializers().size());
        InitializerDef sci = d.initializers().getFirst();
        assertEquals(FixtureInitializer.class.getName(), sci.className());
        assertEquals(Set.of(FixtureInitializer.SubPlugin.class.getName(), FixtureInitializer.AbstractPlugin.class.getName(),
                FixtureInitializer.ConcretePlugin.class.getName(), FixtureInitializer.Marked.class.getName()), Set.copyOf(sci.handlesTypes()));
        assertEquals(new InitializerDef("com.example.OwnInitializer", null), d.initializers().get(1), "not in the app: no @HandlesTypes known");
    }

    @Test
    void initializersRunEvenWhenMetadataComplete() throws Exception {
        var d = describe(TestFiles.archive()
                .text("WEB-INF/web.xml", webXml("metadata-complete=\"true\"", ""))
                .text("WEB-INF/classes/" + io.jgunicorn.deploy.scan.InitializerScanner.JAKARTA_SERVICE, "com.example.Init"));
        assertEquals(List.of(new InitializerDef("com.example.Init", null)), d.initializers());
    }

    @Test
    void javaxInitializerWithoutJakartaIsRefused() {
        byte[] springWeb5 = TestFiles.archive().text(io.jgunicorn.deploy.scan.InitializerScanner.JAVAX_SERVICE, "org.springframework.web.SpringServletContainerInitializer").toZip();
        var e = assertThrows(AppLoadException.class, () -> describe(TestFiles.archive().bytes("WEB-INF/lib/spring-web-5.3.jar", springWeb5)));
        assertTrue(e.getMessage().contains("javax.servlet") && e.getMessage().contains("spring-web-5.3.jar"), e.getMessage());
    }

    @Test
    void noWebXmlGivesServlet61Defaults() throws Exception {
        var d = describe(TestFiles.archive().text("index.html", "x"));
        assertEquals(6, d.majorVersion());
        assertEquals(1, d.minorVersion());
        assertEquals(SecurityDef.NONE, d.security());
        assertNull(d.requestCharacterEncoding());
        assertEquals(WebAppDescriptor.DEFAULT_WELCOME_FILES, d.welcomeFiles());
    }
}
