package io.jgunicorn.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks a server for the application's path once and reports whether anything answered. A worker
 * accepts only once its application is loaded, so an answer means the deployment is live.
 */
final class ReadyProbe {

    private ReadyProbe() {}

    static boolean answers(Target t, String path, int timeoutMillis) {
        try (Socket s = open(t, timeoutMillis)) {
            OutputStream out = s.getOutputStream();
            out.write(("HEAD " + (path.isEmpty() ? "/" : path + "/") + " HTTP/1.1\r\nHost: " + t.host()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return in.read() != -1;
        } catch (SSLException e) {
            return true; // the server took part in a handshake (it may want a client certificate): it is up
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket open(Target t, int timeoutMillis) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(t.host(), t.port()), timeoutMillis);
        plain.setSoTimeout(timeoutMillis);
        if (!t.secure()) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, t.host(), t.port(), true);
        tls.startHandshake();
        return tls;
    }

    /** Only for this liveness question, never for a test's traffic: whether the server is up, not who it is. */
    private static SSLContext trustAll() throws IOException {
        TrustManager any = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {any}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
