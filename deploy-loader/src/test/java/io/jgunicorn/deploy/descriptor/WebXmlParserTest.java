package io.jgunicorn.deploy.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.ErrorPageDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.JspConfigDef;
import io.jgunicorn.bridge.deployment.MultipartConfigDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WebXmlParserTest {

    static WebXml parse(String xml) throws DescriptorException {
        return WebXmlParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.war!/WEB-INF/web.xml");
    }

    static String webApp(String namespace, String version, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<web-app xmlns=\"" + namespace + "\" version=\"" + version + "\">"
                + body + "</web-app>";
    }

    @ParameterizedTest(name = "Servlet {1}")
    @CsvSource({
        "http://java.sun.com/xml/ns/javaee, 3.0, 3, 0",
        "http://xmlns.jcp.org/xml/ns/javaee, 3.1, 3, 1",
        "http://xmlns.jcp.org/xml/ns/javaee, 4.0, 4, 0",
        "https://jakarta.ee/xml/ns/jakartaee, 5.0, 5, 0",
        "https://jakarta.ee/xml/ns/jakartaee, 6.0, 6, 0",
        "https://jakarta.ee/xml/ns/jakartaee, 6.1, 6, 1",
    })
    void everySchemaVersionReadsTheSameElements(String ns, String version, int major, int minor) throws Exception {
        WebXml w = parse(webApp(ns, version, """
                <servlet><servlet-name>hello</servlet-name><servlet-class>com.example.Hello</servlet-class></servlet>
                <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern></servlet-mapping>"""));
        assertEquals(major, w.majorVersion);
        assertEquals(minor, w.minorVersion);
        assertFalse(w.legacySchema);
        assertEquals("com.example.Hello", w.servlets.get("hello").className());
        assertEquals(List.of(new ServletMappingDef("hello", List.of("/hello"))), w.servletMappings);
    }

    @Test
    void j2eeAndDtdDescriptorsAreRecognisedAsLegacy() throws Exception {
        assertTrue(parse(webApp("http://java.sun.com/xml/ns/j2ee", "2.4", "")).legacySchema);
        WebXml dtd = parse("""
                <?xml version="1.0"?>
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN" "http://java.sun.com/dtd/web-app_2_3.dtd">
                <web-app><display-name>old</display-name></web-app>""");
        assertTrue(dtd.legacySchema);
        assertEquals(2, dtd.majorVersion);
        assertEquals("old", dtd.displayName);
    }

    static final String DTD_22 = "<!DOCTYPE web-app PUBLIC '-//Sun Microsystems, Inc.//DTD Web Application 2.2//EN' "
            + "'http://java.sun.com/j2ee/dtds/web-app_2_2.dtd'>";

    @Test
    void aServlet22UrlPatternWithoutItsLeadingSlashGetsOneAsInTomcat() throws Exception {
        WebXml w = parse("<?xml version=\"1.0\"?>\n" + DTD_22 + """
                <web-app>
                  <servlet><servlet-name>s</servlet-name><servlet-class>com.example.S</servlet-class></servlet>
                  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>WithoutLeadingSlashTest</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>*.do</url-pattern></servlet-mapping>
                  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>/already</url-pattern></servlet-mapping>
                  <filter><filter-name>f</filter-name><filter-class>com.example.F</filter-class></filter>
                  <filter-mapping><filter-name>f</filter-name><url-pattern>secure/*</url-pattern></filter-mapping>
                  <security-constraint>
                    <web-resource-collection><web-resource-name>r</web-resource-name><url-pattern>admin/*</url-pattern></web-resource-collection>
                    <auth-constraint><role-name>boss</role-name></auth-constraint>
                  </security-constraint>
                </web-app>""");
        assertEquals(2, w.majorVersion);
        assertEquals(2, w.minorVersion);
        assertEquals(List.of("/WithoutLeadingSlashTest"), w.servletMappings.get(0).urlPatterns());
        assertEquals(List.of("*.do"), w.servletMappings.get(1).urlPatterns());
        assertEquals(List.of("/already"), w.servletMappings.get(2).urlPatterns());
        assertEquals(List.of("/secure/*"), w.filterMappings.get(0).urlPatterns());
        assertEquals(List.of("/admin/*"), w.constraints.get(0).urlPatterns());
    }

    @Test
    void aServlet23PatternWithoutItsSlashIsLeftForTheBridgeToRefuse() throws Exception {
        WebXml w = parse("""
                <?xml version="1.0"?>
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN" "http://java.sun.com/dtd/web-app_2_3.dtd">
                <web-app><servlet-mapping><servlet-name>s</servlet-name><url-pattern>Hello</url-pattern></servlet-mapping></web-app>""");
        assertEquals(3, w.minorVersion);
        assertEquals(List.of("Hello"), w.servletMappings.get(0).urlPatterns());
    }

    @Test
    void readsServletsWithEveryOption() throws Exception {
        WebXml w = parse(webApp("https://jakarta.ee/xml/ns/jakartaee", "6.1", """
                <servlet>
                  <servlet-name>upload</servlet-name>
                  <servlet-class>com.example.Upload</servlet-class>
                  <init-param><param-name>a</param-name><param-value>1</param-value></init-param>
                  <init-param><param-name>b</param-name><param-value>2</param-value></init-param>
                  <load-on-startup>3</load-on-startup>
                  <enabled>false</enabled>
                  <async-supported>true</async-supported>
                  <run-as><role-name>admin</role-name></run-as>
                  <security-role-ref><role-name>boss</role-name><role-link>admin</role-link></security-role-ref>
                  <security-role-ref><description>no link: the name as it is</description><role-name>user</role-name></security-role-ref>
                  <multipart-config><location>/tmp</location><max-file-size>100</max-file-size>
                    <max-request-size>200</max-request-size><file-size-threshold>10</file-size-threshold></multipart-config>
                </servlet>
                <servlet><servlet-name>page</servlet-name><jsp-file>/page.jsp</jsp-file><load-on-startup/></servlet>"""));
        assertEquals(new ServletDef("upload", "com.example.Upload", null, Map.of("a", "1", "b", "2"), 3, true,
                new MultipartConfigDef("/tmp", 100, 200, 10), "admin", false, Map.of("boss", "admin")), w.servlets.get("upload"));
        assertEquals(List.of("a", "b"), List.copyOf(w.servlets.get("upload").initParams().keySet()), "declaration order kept");
        ServletDef page = w.servlets.get("page");
        assertEquals("/page.jsp", page.jspFile());
        assertNull(page.className());
        assertNull(page.loadOnStartup());
        assertTrue(page.enabled());
    }

    @Test
    void readsJspConfigAndLegacyTaglibs() throws Exception {
        WebXml w = parse(webApp("https://jakarta.ee/xml/ns/jakartaee", "6.1", """
                <jsp-config>
                  <taglib><taglib-uri>urn:tags</taglib-uri><taglib-location>/WEB-INF/tags.tld</taglib-location></taglib>
                  <jsp-property-group>
                    <url-pattern>/views/*</url-pattern><url-pattern>*.jspf</url-pattern>
                    <el-ignored>false</el-ignored><page-encoding>UTF-8</page-encoding><scripting-invalid>true</scripting-invalid>
                    <include-prelude>/WEB-INF/a.jspf</include-prelude><include-prelude>/WEB-INF/b.jspf</include-prelude>
                    <include-coda>/WEB-INF/end.jspf</include-coda><trim-directive-whitespaces>true</trim-directive-whitespaces>
                    <default-content-type>text/plain</default-content-type><buffer>16kb</buffer>
                  </jsp-property-group>
                </jsp-config>
                <taglib><taglib-uri>urn:old</taglib-uri><taglib-location>/WEB-INF/old.tld</taglib-location></taglib>"""));
        assertEquals(List.of(new JspConfigDef.Taglib("urn:old", "/WEB-INF/old.tld"), new JspConfigDef.Taglib("urn:tags", "/WEB-INF/tags.tld")),
                w.taglibs);
        assertEquals(List.of(new JspConfigDef.PropertyGroup(List.of("/views/*", "*.jspf"), "false", null, "UTF-8", "true", null,
                List.of("/WEB-INF/a.jspf", "/WEB-INF/b.jspf"), List.of("/WEB-INF/end.jspf"), null, "true", "text/plain", "16kb", null)),
                w.jspPropertyGroups);
    }

    @Test
    void readsFiltersAndMappingsWithDispatchers() throws Exception {
        WebXml w = parse(webApp("https://jakarta.ee/xml/ns/jakartaee", "6.0", """
                <filter><filter-name>f</filter-name><filter-class>com.example.F</filter-class><async-supported>true</async-supported>
                  <init-param><param-name>k</param-name><param-value>v</param-value></init-param></filter>
                <filter-mapping><filter-name>f</filter-name><url-pattern>/a/*</url-pattern><url-pattern>*.do</url-pattern>
                  <servlet-name>s</servlet-name><dispatcher>FORWARD</dispatcher><dispatcher>error</dispatcher></filter-mapping>
                <filter-mapping><filter-name>f</filter-name><url-pattern>/b</url-pattern></filter-mapping>"""));
        assertTrue(w.filters.get("f").asyncSupported());
        assertEquals(Map.of("k", "v"), w.filters.get("f").initParams());
        assertEquals(List.of(
                new FilterMappingDef("f", List.of("/a/*", "*.do"), List.of("s"), Set.of("FORWARD", "ERROR")),
                new FilterMappingDef("f", List.of("/b"), List.of(), Set.of())), w.filterMappings);
    }

    @Test
    void readsContextLevelSettings() throws Exception {
        WebXml w = parse(webApp("https://jakarta.ee/xml/ns/jakartaee", "6.1", """
                <display-name>Shop</display-name>
                <context-param><param-name>x</param-name><param-value>1</param-value></context-param>
                <context-param><param-name>y</param-name><param-value> two </param-value></context-param>
                <listener><listener-class>com.example.L1</listener-class></listener>
                <listener><listener-class>com.example.L2</listener-class></listener>
                <welcome-file-list><welcome-file>home.html</welcome-file><welcome-file>index.jsp</welcome-file></welcome-file-list>
                <error-page><error-code>404</error-code><location>/404.html</location></error-page>
                <error-page><exception-type>java.lang.IllegalStateException</exception-type><location>/ise.html</location></error-page>
                <error-page><location>/any.html</location></error-page>
                <mime-mapping><extension>WASM</extension><mime-type>application/wasm</mime-type></mime-mapping>
                <locale-encoding-mapping-list><locale-encoding-mapping><locale>ja</locale><encoding>Shift_JIS</encoding>
                  </locale-encoding-mapping></locale-encoding-mapping-list>
                <request-character-encoding>UTF-8</request-character-encoding>
                <response-character-encoding>ISO-8859-1</response-character-encoding>
                <deny-uncovered-http-methods/>
                <distributable/>
                <env-entry><env-entry-name>ignored</env-entry-name></env-entry>"""));
        assertEquals("Shop", w.displayName);
        assertEquals(Map.of("x", "1", "y", "two"), w.contextParams);
        assertEquals(List.of("com.example.L1", "com.example.L2"), w.listeners);
        assertEquals(List.of("home.html", "index.jsp"), w.welcomeFiles);
        assertEquals(List.of(new ErrorPageDef(404, null, "/404.html"),
                new ErrorPageDef(null, "java.lang.IllegalStateException", "/ise.html"),
                new ErrorPageDef(null, null, "/any.html")), w.errorPages);
        assertEquals(Map.of("wasm", "application/wasm"), w.mimeTypes);
        assertEquals(Map.of("ja", "Shift_JIS"), w.localeEncodings);
        assertEquals("UTF-8", w.requestCharacterEncoding);
        assertEquals("ISO-8859-1", w.responseCharacterEncoding);
        assertTrue(w.denyUncoveredHttpMethods);
    }

    @Test
    void readsSessionConfig() throws Exception {
        WebXml w = parse(webApp("https://jakarta.ee/xml/ns/jakartaee", "6.1", """
                <session-config><session-timeout>15</session-timeout>
                  <cookie-config><name>SID</name><http-only>true</http-only><secure>true</secure><max-age>600</max-age>
                    <attribute><attribute-name>SameSite</attribute-name><attribute-value>Strict</attribute-value></attribute>
                  </cookie-config>
                  <tracking-mode>cookie</tracking-mode></session-config>"""));
        assertEquals(15, w.sessionConfig.timeoutMinutes());
        assertEquals("SID", w.sessionConfig.cookieName());
        assertEquals(Map.of("http-only", "true", "secure", "true", "max-age", "600", "samesite", "Strict"), w.sessionConfig.cookieAttributes());
        assertEquals(Set.of("COOKIE"), w.sessionConfig.trackingModes());
    }

    @Test
    void readsSecurity() throws Exception {
        WebXml w = parse(webApp("https://jakarta.ee/xml/ns/jakartaee", "6.1", """
                <security-constraint>
                  <web-resource-collection><web-resource-name>admin</web-resource-name><url-pattern>/admin/*</url-pattern>
                    <http-method>GET</http-method><http-method>POST</http-method></web-resource-collection>
                  <web-resource-collection><web-resource-name>other</web-resource-name><url-pattern>/ops/*</url-pattern>
                    <http-method-omission>OPTIONS</http-method-omission></web-resource-collection>
                  <auth-constraint><role-name>admin</role-name></auth-constraint>
                  <user-data-constraint><transport-guarantee>confidential</transport-guarantee></user-data-constraint>
                </security-constraint>
                <security-constraint>
                  <web-resource-collection><url-pattern>/closed/*</url-pattern></web-resource-collection><auth-constraint/>
                </security-constraint>
                <security-constraint><web-resource-collection><url-pattern>/open/*</url-pattern></web-resource-collection></security-constraint>
                <login-config><auth-method>form</auth-method><realm-name>shop</realm-name>
                  <form-login-config><form-login-page>/login.html</form-login-page><form-error-page>/err.html</form-error-page></form-login-config>
                </login-config>
                <security-role><role-name>admin</role-name></security-role>"""));
        assertEquals(4, w.constraints.size());
        var admin = w.constraints.get(0);
        assertEquals(List.of("/admin/*"), admin.urlPatterns());
        assertEquals(Set.of("GET", "POST"), admin.httpMethods());
        assertEquals(Set.of("admin"), admin.rolesAllowed());
        assertEquals("CONFIDENTIAL", admin.transportGuarantee());
        assertEquals(Set.of("OPTIONS"), w.constraints.get(1).httpMethodOmissions());
        assertEquals(Set.of(), w.constraints.get(2).rolesAllowed(), "empty auth-constraint denies everyone");
        assertNull(w.constraints.get(3).rolesAllowed(), "no auth-constraint lets anyone in");
        assertEquals("NONE", w.constraints.get(3).transportGuarantee());
        assertEquals("FORM", w.authMethod);
        assertEquals("shop", w.realmName);
        assertEquals("/login.html", w.formLoginPage);
        assertEquals("/err.html", w.formErrorPage);
        assertEquals(Set.of("admin"), w.roles);
    }

    @Test
    void readsMetadataCompleteAndAbsoluteOrdering() throws Exception {
        WebXml w = parse("""
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
                  <absolute-ordering><name>b</name><others/><name>a</name></absolute-ordering>
                </web-app>""");
        assertTrue(w.metadataComplete);
        assertEquals(List.of("b", WebXml.OTHERS, "a"), w.absoluteOrdering);
    }

    @Test
    void readsFragmentNameAndRelativeOrdering() throws Exception {
        WebXml w = parse("""
                <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <name>security</name>
                  <ordering><after><name>core</name></after><before><others/></before></ordering>
                </web-fragment>""");
        assertEquals("security", w.fragmentName);
        assertEquals(List.of("core"), w.after);
        assertEquals(List.of(WebXml.OTHERS), w.before);
    }

    @Test
    void malformedXmlNamesTheFile() {
        var e = assertThrows(DescriptorException.class, () -> parse("<web-app><servlet></web-app>"));
        assertTrue(e.getMessage().startsWith("test.war!/WEB-INF/web.xml: not well-formed"), e.getMessage());
    }

    @Test
    void missingServletNameNamesTheFileAndElement() {
        var e = assertThrows(DescriptorException.class, () -> parse(webApp("https://jakarta.ee/xml/ns/jakartaee", "6.0",
                "<servlet><servlet-class>x.Y</servlet-class></servlet>")));
        assertEquals("test.war!/WEB-INF/web.xml: <servlet> without <servlet-name>", e.getMessage());
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE web-app [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <web-app><display-name>&x;</display-name></web-app>""";
        assertThrows(DescriptorException.class, () -> parse(xxe));
    }

    @Test
    void wrongRootElementIsRefused() {
        var e = assertThrows(DescriptorException.class, () -> parse("<beans/>"));
        assertTrue(e.getMessage().contains("<beans>"), e.getMessage());
    }
}
