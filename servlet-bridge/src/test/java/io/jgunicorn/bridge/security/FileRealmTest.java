package io.jgunicorn.bridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileRealmTest {

    private static final String HASH = FileRealm.hash("pw".toCharArray());

    @Test
    void aQuotedX500NameKeepsItsCommasAndEqualSignsAndMatchesHoweverItIsSpaced() {
        FileRealm realm = FileRealm.parse(List.of(
                "\"CN=CTS, OU=Java Software, O=Sun Microsystems Inc., L=Burlington, ST=MA, C=US\" = " + HASH + ", Administrator",
                "plain = " + HASH + ", user"), "realm.properties");
        UserIdentity cts = realm.authenticate("CN=CTS, OU=Java Software, O=Sun Microsystems Inc., L=Burlington, ST=MA, C=US", "pw", "BASIC");
        assertNotNull(cts);
        assertEquals("CN=CTS, OU=Java Software, O=Sun Microsystems Inc., L=Burlington, ST=MA, C=US", cts.name());
        assertEquals(Set.of("Administrator"), cts.roles());
        // the RFC 2253 form a certificate's X500Principal.getName() gives: no spaces
        assertNotNull(realm.authenticate("CN=CTS,OU=Java Software,O=Sun Microsystems Inc.,L=Burlington,ST=MA,C=US", "pw", "BASIC"));
        assertNull(realm.authenticate("CN=CTS,OU=Other,O=Sun Microsystems Inc.,L=Burlington,ST=MA,C=US", "pw", "BASIC"));
        assertEquals(Set.of("user"), realm.authenticate("plain", "pw", "BASIC").roles());
    }

    @Test
    void backslashEscapesAQuoteInsideAQuotedName() {
        FileRealm realm = FileRealm.parse(List.of("\"say \\\"hi\\\", \\\\ok\" = " + HASH), "realm.properties");
        assertEquals("say \"hi\", \\ok", realm.authenticate("say \"hi\", \\ok", "pw", "BASIC").name());
    }

    @Test
    void anUnclosedQuoteOrTextAfterTheQuotedNameIsRefusedWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileRealm.parse(List.of("\"CN=x, O=y = " + HASH), "realm.properties"));
        assertEquals(true, e.getMessage().startsWith("realm.properties:1:"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FileRealm.parse(List.of("\"CN=x\" junk = " + HASH), "realm.properties"));
    }
}
