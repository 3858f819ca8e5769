package io.jgunicorn.examples.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chat room per path ({@code /chat/{room}}): every line a member sends goes to every member of the
 * room, through the asynchronous remote. Members are the sessions of this worker process only; a
 * server with several workers would relay lines through a pub/sub (Redis, ...) to reach them all.
 */
@ServerEndpoint(value = "/chat/{room}", subprotocols = {"chat.v1"},
        encoders = ChatMessage.Codec.class, decoders = ChatMessage.Codec.class)
public class ChatEndpoint {

    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
        session.getAsyncRemote().sendText("joined " + room + " (" + ROOMS.get(room).size() + " here)");
    }

    @OnMessage
    public void message(ChatMessage line, @PathParam("room") String room) {
        for (Session member : ROOMS.getOrDefault(room, Set.of())) {
            if (member.isOpen()) {
                member.getAsyncRemote().sendObject(line);
            }
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason, @PathParam("room") String room) {
        Set<Session> members = ROOMS.get(room);
        if (members != null) {
            members.remove(session);
        }
    }

    /** A line that is not {@code name: text}: told so, the session stays open. */
    @jakarta.websocket.OnError
    public void error(Session session, Throwable t) throws IOException, EncodeException {
        if (t instanceof jakarta.websocket.DecodeException && session.isOpen()) {
            session.getBasicRemote().sendText("error: " + t.getMessage());
        }
    }
}
