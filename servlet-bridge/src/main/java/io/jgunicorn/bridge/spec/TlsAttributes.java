package io.jgunicorn.bridge.spec;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The request attributes the Servlet specification defines for TLS connections (section 3.10):
 * client certificate chain, cipher suite, key size, session id, and the protocol (6.1).
 */
final class TlsAttributes {

    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    static final String CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";
    static final String KEY_SIZE = "jakarta.servlet.request.key_size";
    static final String SESSION_ID = "jakarta.servlet.request.ssl_session_id";
    static final String PROTOCOL = "jakarta.servlet.request.secure_protocol";

    private TlsAttributes() {}

    static void put(SSLSession session, Map<String, Object> attributes) {
        if (session == null) {
            return;
        }
        attributes.put(CIPHER_SUITE, session.getCipherSuite());
        attributes.put(KEY_SIZE, keySize(session.getCipherSuite()));
        attributes.put(SESSION_ID, HexFormat.of().formatHex(session.getId()));
        attributes.put(PROTOCOL, session.getProtocol());
        try {
            Certificate[] peer = session.getPeerCertificates();
            X509Certificate[] x509 = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                x509[i] = (X509Certificate) peer[i];
            }
            attributes.put(CERTIFICATES, x509);
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            // cert_reqs 0, or 1 and the client sent none: the attribute stays absent
        }
    }

    /** The symmetric key size the suite's name announces (the spec asks for it as an Integer). */
    static Integer keySize(String suite) {
        if (suite.contains("_256_") || suite.contains("CHACHA20")) {
            return 256;
        }
        if (suite.contains("_128_")) {
            return 128;
        }
        return suite.contains("3DES") ? 168 : 0;
    }
}
