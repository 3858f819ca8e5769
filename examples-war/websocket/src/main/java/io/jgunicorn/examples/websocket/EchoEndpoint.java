package io.jgunicorn.examples.websocket;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Echoes text and binary messages (blocking send), up to 4 MiB each, however they were fragmented. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    static final int MAX = 4 << 20;

    @OnMessage(maxMessageSize = MAX)
    public void text(Session session, String message) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage(maxMessageSize = MAX)
    public void binary(Session session, ByteBuffer message) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
