package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.security.FileRealm;
import io.jgunicorn.bridge.security.Realm;
import io.jgunicorn.bridge.security.UserIdentity;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import jakarta.servlet.ServletException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityTest {

    private static final Realm REALM = (user, password, type) -> switch (user + ":" + password) {
        case "alice:secret" -> new UserIdentity("alice", Set.of("admin", "user"), type);
        case "bob:pw" -> new UserIdentity("bob", Set.of("user"), type);
        default -> null;
    };

    private static SecurityDef.Constraint constraint(String pattern, Set<String> methods, Set<String> roles, String transport) {
        return new SecurityDef.Constraint(List.of(pattern), methods, Set.of(), roles, transport);
    }

    private static TestApp app(String authMethod) {
        SecurityDef security = new SecurityDef(List.of(
                constraint("/admin/*", Set.of(), Set.of("admin"), "NONE"),
                constraint("/any/*", Set.of(), Set.of("**"), "NONE"),
                constraint("/deny/*", Set.of(), Set.of(), "NONE"),
                constraint("/secure/*", Set.of(), null, "CONFIDENTIAL"),
                constraint("/write/*", Set.of("POST"), Set.of("user"), "NONE")),
                authMethod, "Test Realm", "/login.html", "/failed.html", Set.of("admin", "user"));
        return TestApp.create().contextPath("/app").security(security).realm(REALM)
                .resource("/login.html", "login page").resource("/failed.html", "login failed")
                .handler("who", (req, resp) -> resp.getWriter().print(req.getRemoteUser() + " " + req.getAuthType() + " "
                        + req.isUserInRole("admin") + " " + (req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName())),
                        "/admin/*", "/any/*", "/deny/*", "/secure/*", "/write/*", "/open/*")
                .handler("login", (req, resp) -> {
                    req.login(req.getParameter("u"), req.getParameter("p"));
                    String before = req.getRemoteUser();
                    req.logout();
                    resp.getWriter().print(before + " then " + req.getRemoteUser());
                }, "/prog");
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicChallengesThenAuthenticatesAndChecksRoles() throws Exception {
        try (TestApp app = app("BASIC").start()) {
            RawHttp.Response challenge = app.get("/app/admin/x");
            assertEquals(401, challenge.status());
            assertEquals("Basic realm=\"Test Realm\", charset=\"UTF-8\"", challenge.header("WWW-Authenticate"));
            assertEquals(401, app.send(RawRequest.get("/app/admin/x").header("Authorization", basic("alice:wrong"))).status());
            RawHttp.Response ok = app.send(RawRequest.get("/app/admin/x").header("Authorization", basic("alice:secret")));
            assertEquals("alice BASIC true alice", ok.text());
            assertEquals(403, app.send(RawRequest.get("/app/admin/x").header("Authorization", basic("bob:pw"))).status());
            assertEquals("bob BASIC false bob", app.send(RawRequest.get("/app/any/x").header("Authorization", basic("bob:pw"))).text());
            assertEquals("null null false null", app.get("/app/open/x").text());
        }
    }

    @Test
    void emptyAuthConstraintDeniesEveryoneAndMethodsAreScoped() throws Exception {
        try (TestApp app = app("BASIC").start()) {
            assertEquals(403, app.send(RawRequest.get("/app/deny/x").header("Authorization", basic("alice:secret"))).status());
            assertEquals(200, app.get("/app/write/x").status());
            assertEquals(401, app.send(RawRequest.of("POST", "/app/write/x")).status());
        }
    }

    @Test
    void confidentialTransportNeedsHttps() throws Exception {
        try (TestApp app = app("BASIC").start()) {
            assertEquals(403, app.get("/app/secure/x").status());
            assertEquals(200, app.send(RawRequest.get("/app/secure/x").tls()).status());
        }
    }

    @Test
    void formLoginShowsTheLoginPageThenRedirectsBackWithANewSession() throws Exception {
        try (TestApp app = app("FORM").start()) {
            RawHttp.Response first = app.get("/app/admin/page?q=1");
            assertEquals(200, first.status());
            assertEquals("login page", first.text());
            String cookie = first.header("Set-Cookie");
            String sessionId = cookie.substring("JSESSIONID=".length(), cookie.indexOf(';'));

            RawHttp.Response failed = app.send(RawRequest.of("POST", "/app/j_security_check").header("Cookie", "JSESSIONID=" + sessionId)
                    .header("Content-Type", "application/x-www-form-urlencoded").body("j_username=alice&j_password=nope"));
            assertEquals("login failed", failed.text());

            RawHttp.Response login = app.send(RawRequest.of("POST", "/app/j_security_check").header("Cookie", "JSESSIONID=" + sessionId)
                    .header("Content-Type", "application/x-www-form-urlencoded").body("j_username=alice&j_password=secret"));
            assertEquals(303, login.status());
            assertEquals("/app/admin/page?q=1", login.header("Location"));
            String newCookie = login.header("Set-Cookie");
            assertNotNull(newCookie, "session id must change at login");
            String newId = newCookie.substring("JSESSIONID=".length(), newCookie.indexOf(';'));
            assertTrue(!newId.equals(sessionId));

            RawHttp.Response after = app.send(RawRequest.get("/app/admin/page").header("Cookie", "JSESSIONID=" + newId));
            assertEquals("alice FORM true alice", after.text());

            // an HTTP/1.0 client knows no 303: it is sent 302, as Tomcat's FormAuthenticator does
            RawHttp.Response old = app.get("/app/admin/page");
            String oldCookie = old.header("Set-Cookie");
            RawHttp.Response login10 = app.send(RawRequest.of("POST", "/app/j_security_check").version("HTTP/1.0")
                    .header("Cookie", oldCookie.substring(0, oldCookie.indexOf(';')))
                    .header("Content-Type", "application/x-www-form-urlencoded").body("j_username=alice&j_password=secret"));
            assertEquals(302, login10.status());
            assertEquals("/app/admin/page", login10.header("Location"));
            assertEquals("login page", app.send(RawRequest.get("/app/admin/page").header("Cookie", "JSESSIONID=" + sessionId)).text());
        }
    }

    /** Prints isUserInRole for the names its code uses. */
    public static class RolesServlet extends jakarta.servlet.http.HttpServlet {
        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                throws java.io.IOException {
            resp.getWriter().print("boss=" + req.isUserInRole("boss") + " admin=" + req.isUserInRole("admin")
                    + " user=" + req.isUserInRole("user"));
        }
    }

    /** security-role-ref: the servlet's name for a role stands for its role-link, for that servlet only. */
    @Test
    void isUserInRoleFollowsTheServletsRoleLinks() throws Exception {
        var linked = new io.jgunicorn.bridge.deployment.ServletDef("linked", RolesServlet.class.getName(), null, java.util.Map.of(),
                null, false, null, null, true, java.util.Map.of("boss", "admin", "user", "admin"));
        var plain = io.jgunicorn.bridge.deployment.ServletDef.of("plain", RolesServlet.class.getName());
        try (TestApp app = app("BASIC").servlet(linked, "/any/linked").servlet(plain, "/any/plain").start()) {
            assertEquals("boss=true admin=true user=true",
                    app.send(RawRequest.get("/app/any/linked").header("Authorization", basic("alice:secret"))).text());
            // bob is a user, but in this servlet "user" means admin
            assertEquals("boss=false admin=false user=false",
                    app.send(RawRequest.get("/app/any/linked").header("Authorization", basic("bob:pw"))).text());
            assertEquals("boss=false admin=false user=true",
                    app.send(RawRequest.get("/app/any/plain").header("Authorization", basic("bob:pw"))).text());
        }
    }

    /** A self-signed certificate for {@code subject}, made by the JDK's keytool (valid {@code days} from now, or expired). */
    private static java.security.cert.X509Certificate certificate(java.nio.file.Path dir, String subject, String startDate) throws Exception {
        java.nio.file.Path store = dir.resolve(Integer.toHexString(subject.hashCode()) + startDate.hashCode() + ".p12");
        List<String> command = new java.util.ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "c", "-keyalg", "EC", "-dname", subject, "-validity", "2", "-startdate", startDate,
                "-keystore", store.toString(), "-storepass", "changeit", "-storetype", "PKCS12"));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return (java.security.cert.X509Certificate) ks.getCertificate("c");
    }

    /** CLIENT-CERT: the user is the realm's user named by the subject of the connection's client certificate. */
    @Test
    void clientCertLoginTakesTheUserTheCertificatesSubjectNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String subject = "CN=CTS, OU=Java Software, O=Sun Microsystems Inc., L=Burlington, ST=MA, C=US";
        FileRealm realm = FileRealm.parse(List.of("\"" + subject + "\" = " + FileRealm.hash("unused".toCharArray()) + ", admin"), "realm");
        SecurityDef security = new SecurityDef(List.of(constraint("/admin/*", Set.of(), Set.of("admin"), "CONFIDENTIAL")),
                "CLIENT-CERT", null, null, null, Set.of("admin"));
        var known = certificate(dir, subject, "-1d");
        var stranger = certificate(dir, "CN=stranger, O=Elsewhere", "-1d");
        var expired = certificate(dir, subject, "-10d");
        try (TestApp app = TestApp.create().contextPath("/app").security(security).realm(realm)
                .handler("who", (req, resp) -> resp.getWriter().print(req.getRemoteUser() + " " + req.getAuthType() + " "
                        + req.isUserInRole("admin")), "/admin/*").start()) {
            RawHttp.Response ok = app.send(RawRequest.get("/app/admin/x").tls(known));
            assertEquals(200, ok.status(), ok.text());
            assertEquals(subject + " CLIENT_CERT true", ok.text());
            assertEquals(401, app.send(RawRequest.get("/app/admin/x").tls()).status(), "no certificate");
            assertEquals(401, app.send(RawRequest.get("/app/admin/x").tls(stranger)).status(), "not in the realm");
            assertEquals(401, app.send(RawRequest.get("/app/admin/x").tls(expired)).status(), "expired");
        }
    }

    /**
     * CLIENT-CERT with the application's vendor role mapping (glassfish-web.xml): a subject the realm
     * does not know logs in when a principal-name names it (compared as X.500 names, however spaced),
     * with the mapped roles; a realm user gets the union of the realm's roles and the mapping's (by
     * name and by group); an unmapped stranger and an expired certificate still get 401.
     */
    @Test
    void clientCertLoginAlsoTakesASubjectTheVendorRoleMappingNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String mappedSubject = "CN=Mapped, OU=Ops, O=Example, C=US";
        String realmSubject = "CN=Known, O=Example";
        FileRealm realm = FileRealm.parse(List.of("\"" + realmSubject + "\" = " + FileRealm.hash("unused".toCharArray()) + ", staff"), "realm");
        var mapping = new io.jgunicorn.bridge.deployment.RoleMappingDef("WEB-INF/glassfish-web.xml", List.of(
                new io.jgunicorn.bridge.deployment.RoleMappingDef.Mapping("admin", List.of("cn=Mapped,ou=Ops,o=Example,c=US"), List.of()),
                new io.jgunicorn.bridge.deployment.RoleMappingDef.Mapping("auditor", List.of(), List.of("staff"))));
        SecurityDef security = new SecurityDef(List.of(constraint("/any/*", Set.of(), Set.of("admin", "auditor"), "CONFIDENTIAL")),
                "CLIENT-CERT", null, null, null, Set.of("admin", "auditor", "staff")).withRoleMapping(mapping);
        var mapped = certificate(dir, mappedSubject, "-1d");
        var known = certificate(dir, realmSubject, "-1d");
        var stranger = certificate(dir, "CN=stranger, O=Elsewhere", "-1d");
        var expired = certificate(dir, mappedSubject, "-10d");
        try (TestApp app = TestApp.create().contextPath("/app").security(security).realm(realm)
                .handler("who", (req, resp) -> resp.getWriter().print(req.getRemoteUser() + " " + req.getAuthType() + " admin="
                        + req.isUserInRole("admin") + " auditor=" + req.isUserInRole("auditor") + " staff=" + req.isUserInRole("staff")),
                        "/any/*").start()) {
            RawHttp.Response ok = app.send(RawRequest.get("/app/any/x").tls(mapped));
            assertEquals(200, ok.status(), ok.text());
            assertEquals("CN=Mapped,OU=Ops,O=Example,C=US CLIENT_CERT admin=true auditor=false staff=false", ok.text());
            RawHttp.Response realmUser = app.send(RawRequest.get("/app/any/x").tls(known));
            assertEquals(200, realmUser.status(), realmUser.text());
            assertEquals(realmSubject + " CLIENT_CERT admin=false auditor=true staff=true", realmUser.text());
            assertEquals(401, app.send(RawRequest.get("/app/any/x").tls(stranger)).status(), "neither realm nor mapping");
            assertEquals(401, app.send(RawRequest.get("/app/any/x").tls(expired)).status(), "expired, though mapped");
            assertEquals(401, app.send(RawRequest.get("/app/any/x").tls()).status(), "no certificate");
        }
    }

    @Test
    void programmaticLoginAndLogout() throws Exception {
        try (TestApp app = app("BASIC").start()) {
            assertEquals("alice then null", app.get("/app/prog?u=alice&p=secret").text());
            assertEquals(500, app.get("/app/prog?u=alice&p=bad").status());
        }
    }

    @Test
    void fileRealmVerifiesHashedPasswordsAndRefusesPlainOnes() {
        String hash = FileRealm.hash("s3cret".toCharArray());
        FileRealm realm = FileRealm.parse(List.of("# users", "carol = " + hash + ", admin, ops"), "realm.properties");
        UserIdentity carol = realm.authenticate("carol", "s3cret", "BASIC");
        assertEquals(Set.of("admin", "ops"), carol.roles());
        assertNull(realm.authenticate("carol", "wrong", "BASIC"));
        assertNull(realm.authenticate("nobody", "s3cret", "BASIC"));
        assertThrows(IllegalArgumentException.class, () -> FileRealm.parse(List.of("dave = plain, admin"), "realm.properties"));
    }

    @Test
    void loginFailureIsAServletException() throws Exception {
        try (TestApp app = TestApp.create().handler("h", (req, resp) -> {
            try {
                req.login("x", "y");
            } catch (ServletException e) {
                resp.getWriter().print("refused");
            }
        }, "/h").start()) {
            assertEquals("refused", app.get("/h").text());
        }
    }

    public static class SecuringInitializer implements jakarta.servlet.ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> types, jakarta.servlet.ServletContext ctx) {
            var reg = ctx.addServlet("annotated", io.jgunicorn.bridge.testkit.PathServlet.class);
            reg.addMapping("/annotated/*");
            reg.setServletSecurity(new jakarta.servlet.ServletSecurityElement(
                    new jakarta.servlet.HttpConstraintElement(jakarta.servlet.annotation.ServletSecurity.TransportGuarantee.NONE, "admin"),
                    List.of(new jakarta.servlet.HttpMethodConstraintElement("GET"))));
        }
    }

    /** Maps a servlet at /guarded/* (the descriptor protects it) and /more/*; asks role user for both. */
    public static class OpeningInitializer implements jakarta.servlet.ServletContainerInitializer {
        static volatile Set<String> untouched;

        @Override
        public void onStartup(Set<Class<?>> types, jakarta.servlet.ServletContext ctx) {
            var reg = ctx.addServlet("opened", io.jgunicorn.bridge.testkit.PathServlet.class);
            reg.addMapping("/guarded/*", "/more/*");
            untouched = reg.setServletSecurity(new jakarta.servlet.ServletSecurityElement(
                    new jakarta.servlet.HttpConstraintElement(jakarta.servlet.annotation.ServletSecurity.TransportGuarantee.NONE, "user")));
        }
    }

    @Test
    void setServletSecurityLeavesThePatternsOfDescriptorConstraintsAlone() throws Exception {
        SecurityDef security = new SecurityDef(List.of(constraint("/guarded/*", Set.of(), Set.of("admin"), "NONE")),
                "BASIC", "Test Realm", null, null, Set.of("admin", "user"));
        try (TestApp app = TestApp.create().contextPath("/app").security(security).realm(REALM)
                .initializer(OpeningInitializer.class, null).start()) {
            assertEquals(Set.of("/guarded/*"), OpeningInitializer.untouched);
            String bob = basic("bob:pw");
            assertEquals(403, app.send(RawRequest.of("GET", "/app/guarded/x").header("Authorization", bob)).status(),
                    "the descriptor's admin role still rules /guarded/*");
            assertEquals(401, app.get("/app/more/x").status());
            assertEquals(200, app.send(RawRequest.of("GET", "/app/more/x").header("Authorization", bob)).status());
        }
    }

    @Test
    void servletSecurityElementsProtectTheServletsMappings() throws Exception {
        try (TestApp app = app("BASIC").initializer(SecuringInitializer.class, null).start()) {
            assertEquals(200, app.get("/app/annotated/x").status());
            assertEquals(401, app.send(RawRequest.of("POST", "/app/annotated/x")).status());
            assertEquals(200, app.send(RawRequest.of("POST", "/app/annotated/x").header("Authorization", basic("alice:secret"))).status());
        }
    }
}
