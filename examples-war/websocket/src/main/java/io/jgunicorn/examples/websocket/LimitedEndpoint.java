package io.jgunicorn.examples.websocket;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Text messages of at most 1 KiB, answered by their length: a longer one closes the session with 1009. */
@ServerEndpoint("/limited")
public class LimitedEndpoint {

    @OnMessage(maxMessageSize = 1024)
    public String text(String message) {
        return Integer.toString(message.length());
    }
}
