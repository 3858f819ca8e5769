package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code arquillian.xml} configures reaches the server: the file realm's users and roles
 * ({@code realmUsers}), the locale-encoding mappings ({@code localeEncodings}) and the trailer
 * fields applications may see ({@code allowedTrailerNames}).
 */
@ExtendWith(ArquillianExtension.class)
class AdapterSettingsArquillianTest {

    static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>admin</web-resource-name>
                  <url-pattern>/admin/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>admin</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>arquillian</realm-name></login-config>
              <security-role><role-name>admin</role-name></security-role>
              <locale-encoding-mapping-list>
                <locale-encoding-mapping><locale>de</locale><encoding>UTF-8</encoding></locale-encoding-mapping>
              </locale-encoding-mapping-list>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive settings() {
        return org.jboss.shrinkwrap.api.ShrinkWrap.create(WebArchive.class, "settings.war")
                .addClasses(WhoAmIServlet.class, LocaleServlet.class, TrailerServlet.class)
                .setWebXML(new StringAsset(WEB_XML));
    }

    @ArquillianResource
    URL base;

    @Test
    void realmUsersLogInWithTheirRoles() throws Exception {
        assertEquals(401, Client.get(base, "admin/whoami").statusCode());
        HttpResponse<String> alice = send("admin/whoami", Client.basic("alice", "wonderland"));
        assertEquals(200, alice.statusCode());
        assertEquals("alice admin=true", alice.body());
        assertEquals(403, send("admin/whoami", Client.basic("bob", "builder")).statusCode(), "bob is no admin");
        assertEquals(401, send("admin/whoami", Client.basic("alice", "wrong")).statusCode());
    }

    @Test
    void configuredLocaleEncodingsApplyAndTheArchiveOwnWin() throws Exception {
        assertEquals("text/plain;charset=Shift_JIS", contentType("ja"));
        assertEquals("text/plain;charset=UTF-8", contentType("de"), "the archive maps de itself");
    }

    @Test
    void onlyTheConfiguredTrailerNamesReachTheApplication() throws Exception {
        String path = base.getPath() + "trailers";
        String request = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n0\r\nX-Checksum: 42\r\nX-Other: dropped\r\n\r\n";
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.endsWith("5 {x-checksum=42}"), response);
        }
    }

    private String contentType(String lang) throws Exception {
        HttpResponse<String> r = Client.get(base, "locale?lang=" + lang);
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("Content-Type").orElseThrow().replace(" ", "");
    }

    private HttpResponse<String> send(String path, String authorization) throws Exception {
        return Client.HTTP.send(Client.request(base, path).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
