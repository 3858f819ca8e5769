package io.jgunicorn.examples.websocket;

import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The application's WebSocket configuration: every annotated endpoint found, plus {@link ReverseEndpoint}
 * at {@code /reverse}, whose configurator reads the handshake (the {@code X-Prefix} header).
 */
public class Config implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        ServerEndpointConfig.Configurator configurator = new ServerEndpointConfig.Configurator() {
            @Override
            public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
                List<String> prefix = request.getHeaders().get("X-Prefix");
                sec.getUserProperties().put("prefix", prefix == null || prefix.isEmpty() ? "" : prefix.get(0));
            }
        };
        return Set.of(ServerEndpointConfig.Builder.create(ReverseEndpoint.class, "/reverse")
                .configurator(configurator).build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return new HashSet<>(scanned);
    }
}
