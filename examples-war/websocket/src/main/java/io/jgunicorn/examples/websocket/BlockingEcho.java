package io.jgunicorn.examples.websocket;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.InputStream;
import java.io.OutputStream;

/** Echo with blocking streams, on a thread of its own (a virtual thread) for the connection's life. */
public class BlockingEcho implements HttpUpgradeHandler {

    @Override
    public void init(WebConnection connection) {
        Thread.ofVirtual().name("blocking-echo").start(() -> {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                in.transferTo(out);
            } catch (Exception e) {
                // the peer went away
            }
        });
    }

    @Override
    public void destroy() {
    }
}
