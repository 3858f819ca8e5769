package io.jgunicorn.examples.websocket;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** A programmatic endpoint (deployed by {@link Config}): answers each text with it reversed, prefixed by its configurator's greeting. */
public class ReverseEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String prefix = (String) config.getUserProperties().getOrDefault("prefix", "");
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                session.getAsyncRemote().sendText(prefix + new StringBuilder(text).reverse()));
    }
}
