package io.jgunicorn.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.security.FileRealm;
import io.jgunicorn.bridge.testkit.TestApp;
import io.jgunicorn.container.testkit.RawHttp;
import io.jgunicorn.container.testkit.RawRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DIGEST login (RFC 7616) against the realm file's digested credentials, and auth methods jgunicorn lacks. */
class DigestTest {

    private static final String REALM_NAME = "Shop Realm";

    private static TestApp app(String authMethod) {
        List<String> lines = new java.util.ArrayList<>(List.of(FileRealm.hash("secret".toCharArray())));
        lines.addAll(FileRealm.digestCredentials("alice", REALM_NAME, "secret".toCharArray()));
        FileRealm realm = FileRealm.parse(List.of("alice = " + String.join(", ", lines) + ", admin",
                "bob = " + FileRealm.hash("pw".toCharArray()) + ", admin"), "realm.properties");
        SecurityDef security = new SecurityDef(List.of(new SecurityDef.Constraint(List.of("/admin/*"), Set.of(), Set.of(),
                Set.of("admin"), "NONE")), authMethod, REALM_NAME, null, null, Set.of("admin"));
        return TestApp.create().contextPath("/app").security(security).realm(realm)
                .handler("who", (req, resp) -> resp.getWriter().print(req.getRemoteUser() + " " + req.getAuthType() + " "
                        + req.isUserInRole("admin")), "/admin/*");
    }

    private static String h(String algorithm, String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String answer(String algorithm, String user, String password, String nonce, String uri) throws Exception {
        String ha1 = h(algorithm, user + ":" + REALM_NAME + ":" + password);
        String ha2 = h(algorithm, "GET:" + uri);
        String response = h(algorithm, ha1 + ":" + nonce + ":00000001:0a4f113b:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + REALM_NAME + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", response=\"" + response + "\", qop=auth, nc=00000001, cnonce=\"0a4f113b\"";
    }

    @Test
    void digestChallengesWithSha256AndMd5ThenAuthenticatesEither() throws Exception {
        try (TestApp app = app("DIGEST").start()) {
            RawHttp.Response challenge = app.get("/app/admin/x?q=1");
            assertEquals(401, challenge.status());
            List<String> offers = challenge.headers("WWW-Authenticate");
            assertEquals(2, offers.size(), offers.toString());
            assertTrue(offers.get(0).startsWith("Digest realm=\"Shop Realm\", qop=\"auth\", algorithm=SHA-256, nonce=\""), offers.get(0));
            assertTrue(offers.get(1).contains("algorithm=MD5"), offers.get(1));
            Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(offers.get(0));
            assertTrue(m.find());
            String nonce = m.group(1);
            for (String algorithm : List.of("SHA-256", "MD5")) {
                RawHttp.Response ok = app.send(RawRequest.get("/app/admin/x?q=1")
                        .header("Authorization", answer(algorithm, "alice", "secret", nonce, "/app/admin/x?q=1")));
                assertEquals(200, ok.status(), algorithm);
                assertEquals("alice DIGEST true", ok.text());
            }
            assertEquals(401, app.send(RawRequest.get("/app/admin/x?q=1")
                    .header("Authorization", answer("MD5", "alice", "wrong", nonce, "/app/admin/x?q=1"))).status());
            assertEquals(401, app.send(RawRequest.get("/app/admin/x?q=1")
                    .header("Authorization", answer("MD5", "alice", "secret", "bm90IG91cnM", "/app/admin/x?q=1"))).status(),
                    "a nonce we did not issue");
            assertEquals(401, app.send(RawRequest.get("/app/admin/y")
                    .header("Authorization", answer("MD5", "alice", "secret", nonce, "/app/admin/x?q=1"))).status(),
                    "an answer for another URI");
            assertEquals(401, app.send(RawRequest.get("/app/admin/x")
                    .header("Authorization", answer("MD5", "bob", "pw", nonce, "/app/admin/x"))).status(),
                    "bob has no digested credential for this realm");
        }
    }

    @Test
    void anAuthMethodJgunicornLacksFailsTheDeployNamingIt() {
        Exception failure = assertThrows(Exception.class, () -> app("SPNEGO").start());
        assertTrue(failure.getMessage().contains("auth-method SPNEGO, which jgunicorn does not support"), failure.getMessage());
    }
}
