package io.jgunicorn.container.tls;

import io.jgunicorn.config.Config;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side of TLS, built from Gunicorn's SSL settings ({@code certfile}, {@code keyfile},
 * {@code keyfile_password}, {@code ca_certs}, {@code cert_reqs}, {@code ciphers},
 * {@code ssl_version}). Only TLS 1.2 and 1.3 are ever enabled.
 */
public final class ServerTls {

    private final SSLContext context;
    private final String[] protocols;
    private final String[] ciphers;
    private final int certReqs;

    private ServerTls(SSLContext context, String[] protocols, String[] ciphers, int certReqs) {
        this.context = context;
        this.protocols = protocols;
        this.ciphers = ciphers;
        this.certReqs = certReqs;
    }

    /**
     * Builds the TLS context from the settings (values as text, by setting name); null when
     * {@code certfile} is unset (plain HTTP).
     *
     * @throws TlsConfigException naming the setting, the file and the problem
     */
    public static ServerTls from(Config s) throws TlsConfigException {
        String certfile = blankToNull(s.string("certfile"));
        if (certfile == null) {
            return null;
        }
        String keyfile = blankToNull(s.string("keyfile"));
        Path certPath = Path.of(certfile);
        Path keyPath = Path.of(keyfile != null ? keyfile : certfile); // the key may follow the cert, as in Python
        List<X509Certificate> chain = named("certfile", () -> PemFiles.certificates(certPath));
        PrivateKey key = named("keyfile", () -> PemFiles.privateKey(keyPath, blankToNull(s.string("keyfile_password"))));
        int certReqs = s.integer("cert_reqs");
        String caCerts = blankToNull(s.string("ca_certs"));
        List<X509Certificate> cas = caCerts == null ? List.of() : named("ca_certs", () -> PemFiles.certificates(Path.of(caCerts)));
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(chain, key), caCerts == null ? null : trustManagers(cas).getTrustManagers(), null);
            String[] protocols = protocols(s.string("ssl_version"));
            String[] ciphers = ciphers(ctx, blankToNull(s.string("ciphers")));
            ServerTls tls = new ServerTls(ctx, protocols, ciphers, certReqs);
            tls.newEngine(); // fails here, at startup, on a key that does not match or unknown suites
            return tls;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsConfigException("setting 'certfile'/'keyfile': " + certfile + ": " + e.getMessage());
        }
    }

    private interface Load<T> {
        T get() throws TlsConfigException;
    }

    private static <T> T named(String setting, Load<T> load) throws TlsConfigException {
        try {
            return load.get();
        } catch (TlsConfigException e) {
            throw new TlsConfigException("setting '" + setting + "': " + e.getMessage());
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key)
            throws GeneralSecurityException {
        if (!Arrays.equals(chain.getFirst().getPublicKey().getEncoded(), publicKeyOf(key, chain.getFirst()))) {
            throw new IllegalArgumentException("the private key does not belong to the first certificate");
        }
        char[] pw = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, pw);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry("server", key, pw, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    /** The public key matching {@code key}, found by signing and verifying with the certificate's key. */
    private static byte[] publicKeyOf(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (alg == null) {
            return cert.getPublicKey().getEncoded(); // other algorithms: the handshake will tell
        }
        byte[] probe = "jgunicorn key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.security.Signature sig = java.security.Signature.getInstance(alg);
        sig.initSign(key);
        sig.update(probe);
        byte[] signed = sig.sign();
        try {
            sig.initVerify(cert.getPublicKey());
            sig.update(probe);
            return sig.verify(signed) ? cert.getPublicKey().getEncoded() : new byte[0];
        } catch (java.security.InvalidKeyException otherAlgorithm) {
            return new byte[0];
        }
    }

    private static TrustManagerFactory trustManagers(List<X509Certificate> cas) throws GeneralSecurityException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try {
            ts.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < cas.size(); i++) {
            ts.setCertificateEntry("ca" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf;
    }

    private static String[] protocols(String sslVersion) {
        return switch (sslVersion.trim()) {
            case "TLSv1_2" -> new String[] {"TLSv1.2"};
            case "TLSv1_3" -> new String[] {"TLSv1.3"};
            default -> new String[] {"TLSv1.3", "TLSv1.2"};
        };
    }

    private static String[] ciphers(SSLContext ctx, String setting) throws TlsConfigException {
        if (setting == null) {
            return null;
        }
        List<String> supported = Arrays.asList(ctx.getSupportedSSLParameters().getCipherSuites());
        List<String> out = new ArrayList<>();
        for (String c : setting.split("[:,\\s]+")) {
            if (c.isBlank()) {
                continue;
            }
            if (!supported.contains(c)) {
                throw new TlsConfigException("setting 'ciphers': unknown cipher suite '" + c
                        + "' (use IANA/JDK names such as TLS_AES_128_GCM_SHA256)");
            }
            out.add(c);
        }
        return out.toArray(String[]::new);
    }

    /** A server-mode engine with the configured versions, suites and client-certificate policy. */
    public SSLEngine newEngine() {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledProtocols(protocols);
        if (ciphers != null) {
            e.setEnabledCipherSuites(ciphers);
        }
        if (certReqs == 2) {
            e.setNeedClientAuth(true);
        } else if (certReqs == 1) {
            e.setWantClientAuth(true);
        }
        return e;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
