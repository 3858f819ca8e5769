package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tomcat 11's own {@code examples} webapp, from the Tomcat distribution on Maven Central (unpacked
 * by the build, never committed), deployed unchanged: its servlet, JSP, tag, session, async, FORM
 * login and cookie examples answer as on Tomcat (its WebSocket demos: {@link TomcatWebSocketExamplesTest}). One server;
 * the realm file holds Tomcat's {@code tomcat} user with the roles the examples' security constraint asks for.
 */
class TomcatExamplesTest {

    static Jgunicorn server;

    @BeforeAll
    static void start() throws Exception {
        Path examples = Path.of(System.getProperty("tomcat.examples", "target/tomcat/apache-tomcat-11.0.24/webapps/examples"));
        assertTrue(Files.isDirectory(examples.resolve("WEB-INF")), "examples webapp not unpacked by the build: " + examples);
        Path realm = Files.writeString(Files.createTempDirectory("tomcat-examples").resolve("realm"),
                "tomcat = " + pbkdf2("tomcat") + ", tomcat, role1\n");
        server = Jgunicorn.start("-k", "gthread", "-w", "1", "--realm-file", realm.toString(), examples.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The realm file's hash format (FileRealm), with few iterations: this is a test password. */
    static String pbkdf2(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1000, 256)).getEncoded();
        return "pbkdf2-sha256$1000$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
    }

    private static Http.Response get(String target, String... headers) throws IOException {
        StringBuilder raw = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String h : headers) {
            raw.append(h).append("\r\n");
        }
        return Http.exchange(server.port(), raw.append("\r\n").toString());
    }

    private static String ok(String target, String... headers) throws IOException {
        Http.Response r = get(target, headers);
        assertEquals(200, r.status(), target + ": " + r.text());
        return r.text();
    }

    private static String cookie(Http.Response r) {
        return r.header("set-cookie").split(";")[0];
    }

    @Test
    void servletExamples() throws Exception {
        assertTrue(ok("/").contains("Apache Tomcat Examples"));
        assertTrue(ok("/servlets/servlet/HelloWorldExample").contains("<h1>Hello World!</h1>"));
        assertTrue(ok("/servlets/servlet/RequestInfoExample/extra").contains("/extra"));
        assertTrue(ok("/servlets/servlet/RequestParamExample?firstname=Ada&lastname=Lovelace").contains("Ada"));
    }

    @Test
    void jspElAndTagExamples() throws Exception {
        String arithmetic = ok("/jsp/jsp2/el/basic-arithmetic.jsp");
        assertTrue(arithmetic.contains("<td>${1 + 2}</td>") && arithmetic.contains("<td>3</td>"), arithmetic);
        assertTrue(ok("/jsp/jsp2/simpletag/hello.jsp").contains("Hello, world!"));
        assertTrue(ok("/jsp/jsp2/tagfiles/hello.jsp").contains("Hello, world!"));
        assertTrue(ok("/jsp/jsp2/el/functions.jsp?foo=JSP+2.0").contains("0.2 PSJ"), "a tag library function reverses");
        assertTrue(ok("/jsp/num/numguess.jsp").contains("I'm thinking of a number between 1 and 100"));
    }

    @Test
    void sessionAndCookieExamples() throws Exception {
        Http.Response set = get("/servlets/servlet/SessionExample?dataname=fruit&datavalue=apple");
        assertEquals(200, set.status());
        assertTrue(ok("/servlets/servlet/SessionExample", "Cookie: " + cookie(set)).contains("fruit = apple"));
        // jsp/colors keeps a bean that is not Serializable in the session: it works, as on Tomcat
        Http.Response colors = get("/jsp/colors/colrs.jsp?color1=red&color2=blue&action=Hint");
        assertEquals(200, colors.status(), colors.text());
        Http.Response cookie = get("/servlets/servlet/CookieExample?cookiename=flavour&cookievalue=mint");
        assertEquals(200, cookie.status());
        assertTrue(cookie.header("set-cookie").startsWith("flavour=mint"), cookie.header("set-cookie"));
        assertTrue(ok("/servlets/servlet/CookieExample", "Cookie: flavour=mint").contains("flavour"));
    }

    @Test
    void asyncExamples() throws Exception {
        assertTrue(ok("/async/async0").contains("Async dispatch worked:"));
        assertTrue(ok("/async/async1").contains("Output from async1.jsp"));
        assertTrue(ok("/async/async3").contains("Output from async3.jsp"));
    }

    @Test
    void formLogin() throws Exception {
        Http.Response page = get("/jsp/security/protected/index.jsp");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("j_security_check"), page.text());
        String session = cookie(page);
        String form = "j_username=tomcat&j_password=tomcat";
        Http.Response login = Http.exchange(server.port(), "POST /jsp/security/protected/j_security_check HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nCookie: " + session + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form);
        assertEquals(303, login.status(), login.text());
        String loggedIn = login.header("set-cookie") != null ? cookie(login) : session;
        String protectedPage = ok("/jsp/security/protected/index.jsp", "Cookie: " + loggedIn);
        assertTrue(protectedPage.contains("tomcat"), protectedPage);
        assertTrue(protectedPage.contains("role1"), protectedPage);
        Http.Response wrong = Http.exchange(server.port(), "POST /jsp/security/protected/j_security_check HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nCookie: " + session + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 33\r\n\r\nj_username=tomcat&j_password=bad!");
        assertTrue(wrong.text().contains("Invalid user name and/or password"), wrong.text());
    }
}
