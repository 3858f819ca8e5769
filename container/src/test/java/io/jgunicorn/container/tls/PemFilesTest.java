package io.jgunicorn.container.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PEM reader without openssl: keys the JDK encodes, re-read in each form. TlsTest covers the
 * files openssl writes, including encrypted PKCS#8 and SEC1.
 */
class PemFilesTest {

    @TempDir
    Path dir;

    static KeyPair rsa;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
    }

    private Path pem(String name, String label, byte[] der) throws Exception {
        return Files.writeString(dir.resolve(name), "junk before\n-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + label + "-----\n");
    }

    @Test
    void pkcs8AndPkcs1ReadToTheSameKey() throws Exception {
        byte[] pkcs8 = rsa.getPrivate().getEncoded();
        assertArrayEquals(pkcs8, PemFiles.privateKey(pem("k8.pem", "PRIVATE KEY", pkcs8), null).getEncoded());
        // PKCS#1 is the OCTET STRING inside PKCS#8; wrapping it again must give the JDK's bytes back
        PemFiles.Der seq = new PemFiles.Der(pkcs8).enter(0x30);
        seq.skip(0x02);
        seq.skip(0x30);
        byte[] octet = seq.raw(0x04);
        byte[] pkcs1 = new PemFiles.Der(octet).rawContent(0x04);
        assertArrayEquals(pkcs8, PemFiles.privateKey(pem("k1.pem", "RSA PRIVATE KEY", pkcs1), null).getEncoded());
    }

    @Test
    void badFilesNameTheFileAndTheProblem() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertTrue(assertThrows(TlsConfigException.class, () -> PemFiles.certificates(missing))
                .getMessage().startsWith(missing.toString()));
        Path text = Files.writeString(dir.resolve("text.pem"), "hello\n");
        assertTrue(assertThrows(TlsConfigException.class, () -> PemFiles.privateKey(text, null))
                .getMessage().contains("no PEM block"));
        Path legacy = Files.writeString(dir.resolve("legacy.pem"), "-----BEGIN RSA PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertTrue(assertThrows(TlsConfigException.class, () -> PemFiles.privateKey(legacy, "x"))
                .getMessage().contains("openssl pkcs8 -topk8"));
        Path keyOnly = pem("keyonly.pem", "PRIVATE KEY", rsa.getPrivate().getEncoded());
        assertTrue(assertThrows(TlsConfigException.class, () -> PemFiles.certificates(keyOnly))
                .getMessage().contains("no CERTIFICATE"));
    }
}
