package io.jgunicorn.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test keys and certificates in every PEM form Gunicorn users have, made by the openssl command
 * line (an independent tool, so the server's PEM reader is not checked against itself).
 */
final class TlsFiles {

    final Path dir;

    TlsFiles(Path dir) {
        this.dir = dir;
    }

    static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed:\n" + out);
        }
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    /** rsa8.pem (PKCS#8), rsa1.pem (PKCS#1), rsa8enc.pem (encrypted PKCS#8, password "s3cret"), rsa.crt. */
    void rsa() throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa8.pem", "-out", "rsa.crt",
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        openssl("rsa", "-in", "rsa8.pem", "-traditional", "-out", "rsa1.pem");
        openssl("pkcs8", "-topk8", "-in", "rsa8.pem", "-out", "rsa8enc.pem", "-passout", "pass:s3cret");
    }

    /** ec1.pem (SEC1 "EC PRIVATE KEY") and ec.crt. */
    void ec() throws IOException, InterruptedException {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec1.pem");
        openssl("req", "-x509", "-key", "ec1.pem", "-out", "ec.crt", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1");
    }

    /** ca.crt and a client certificate it signed, as client.p12 (password "pw"). */
    void clientCa() throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=test-ca");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=test-client");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.crt", "-days", "2");
        openssl("pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:pw");
    }

    /** Another client certificate signed by {@link #clientCa}'s CA, for {@code subject} (openssl's /K=V form), as NAME.p12 (password "pw"). */
    void clientCert(String name, String subject) throws IOException, InterruptedException {
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2");
        openssl("pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key", "-out", name + ".p12",
                "-passout", "pass:pw");
    }

    /** A client context that trusts {@code serverCert}, presenting the client certificate when asked. */
    SSLContext client(String serverCert, boolean withClientCert) throws Exception {
        return client(serverCert, withClientCert ? "client" : null);
    }

    /** A client context that trusts {@code serverCert}, presenting {@code clientName}.p12 when asked (none when null). */
    SSLContext client(String serverCert, String clientName) throws Exception {
        boolean withClientCert = clientName != null;
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(path(serverCert))) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withClientCert) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(path(clientName + ".p12"))) {
                ks.load(in, "pw".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
