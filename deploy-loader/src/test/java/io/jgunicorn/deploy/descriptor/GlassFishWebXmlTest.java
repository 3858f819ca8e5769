package io.jgunicorn.deploy.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.RoleMappingDef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlassFishWebXmlTest {

    static final String SUN_DOCTYPE = "<!DOCTYPE sun-web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Application Server 9.0 Servlet 2.5//EN\""
            + " \"http://www.sun.com/software/appserver/dtds/sun-web-app_2_5-0.dtd\">\n";

    static RoleMappingDef parse(String xml) throws DescriptorException {
        return GlassFishWebXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shop.war!/WEB-INF/glassfish-web.xml");
    }

    @Test
    void readsEverySecurityRoleMappingWithItsPrincipalsAndGroups() throws Exception {
        RoleMappingDef m = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE glassfish-web-app PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Servlet 3.0//EN" "http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd">
                <glassfish-web-app>
                  <context-root>/shop</context-root>
                  <security-role-mapping>
                    <role-name>Administrator</role-name>
                    <principal-name>CN=CTS,OU=Java Software,O=Sun Microsystems Inc.,L=Burlington,ST=MA,C=US</principal-name>
                    <principal-name> j2ee </principal-name>
                  </security-role-mapping>
                  <security-role-mapping>
                    <role-name>Employee</role-name>
                    <group-name>staff</group-name>
                  </security-role-mapping>
                  <class-loader delegate="true"/>
                </glassfish-web-app>
                """);
        assertEquals("shop.war!/WEB-INF/glassfish-web.xml", m.source());
        assertEquals(List.of(
                new RoleMappingDef.Mapping("Administrator",
                        List.of("CN=CTS,OU=Java Software,O=Sun Microsystems Inc.,L=Burlington,ST=MA,C=US", "j2ee"), List.of()),
                new RoleMappingDef.Mapping("Employee", List.of(), List.of("staff"))), m.mappings());
    }

    @Test
    void theOlderSunWebXmlWithItsDoctypeIsReadWithoutFetchingTheDtd() throws Exception {
        RoleMappingDef m = GlassFishWebXml.parse(new ByteArrayInputStream(("<?xml version=\"1.0\"?>\n" + SUN_DOCTYPE
                + "<sun-web-app><security-role-mapping><role-name>Administrator</role-name>"
                + "<principal-name>CN=CTS, OU=Java Software</principal-name></security-role-mapping></sun-web-app>")
                .getBytes(StandardCharsets.UTF_8)), "a.war!/WEB-INF/sun-web.xml");
        assertEquals(List.of(new RoleMappingDef.Mapping("Administrator", List.of("CN=CTS, OU=Java Software"), List.of())), m.mappings());
    }

    @Test
    void aDescriptorWithoutMappingsMapsNothing() throws Exception {
        assertSame(RoleMappingDef.NONE, parse("<glassfish-web-app><context-root>/x</context-root></glassfish-web-app>"));
    }

    @Test
    void glassfishWebXmlIsPreferredOverSunWebXml(@TempDir Path app) throws Exception {
        assertSame(RoleMappingDef.NONE, GlassFishWebXml.read(app, "app.war"), "neither file");
        Files.createDirectories(app.resolve("WEB-INF"));
        Files.writeString(app.resolve("WEB-INF/sun-web.xml"), "<sun-web-app><security-role-mapping><role-name>old</role-name>"
                + "<principal-name>u</principal-name></security-role-mapping></sun-web-app>");
        assertEquals("old", GlassFishWebXml.read(app, "app.war").mappings().getFirst().role());
        assertEquals("app.war!/WEB-INF/sun-web.xml", GlassFishWebXml.read(app, "app.war").source());
        Files.writeString(app.resolve("WEB-INF/glassfish-web.xml"), "<glassfish-web-app><security-role-mapping><role-name>new</role-name>"
                + "<principal-name>u</principal-name></security-role-mapping></glassfish-web-app>");
        assertEquals("new", GlassFishWebXml.read(app, "app.war").mappings().getFirst().role());
    }

    @Test
    void malformedDescriptorsFailNamingTheFileAndTheCause() {
        String file = "shop.war!/WEB-INF/glassfish-web.xml";
        assertMessage(file + ": not well-formed XML", "<glassfish-web-app><security-role-mapping></glassfish-web-app>");
        assertMessage(file + ": root element is <web-app>, expected <glassfish-web-app> or <sun-web-app>", "<web-app/>");
        assertMessage(file + ": a <security-role-mapping> needs exactly one non-empty <role-name>, it has none",
                "<glassfish-web-app><security-role-mapping><principal-name>u</principal-name></security-role-mapping></glassfish-web-app>");
        assertMessage(file + ": a <security-role-mapping> needs exactly one non-empty <role-name>, it has 2",
                "<glassfish-web-app><security-role-mapping><role-name>a</role-name><role-name>b</role-name>"
                        + "<principal-name>u</principal-name></security-role-mapping></glassfish-web-app>");
        assertMessage(file + ": the <security-role-mapping> of role a names no <principal-name> and no <group-name>",
                "<glassfish-web-app><security-role-mapping><role-name>a</role-name></security-role-mapping></glassfish-web-app>");
        assertMessage(file + ": an empty <principal-name> in the <security-role-mapping> of role a",
                "<glassfish-web-app><security-role-mapping><role-name>a</role-name><principal-name> </principal-name>"
                        + "</security-role-mapping></glassfish-web-app>");
    }

    private static void assertMessage(String expectedStart, String xml) {
        DescriptorException e = assertThrows(DescriptorException.class, () -> parse(xml));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
