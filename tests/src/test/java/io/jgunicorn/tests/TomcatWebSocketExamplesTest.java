package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jgunicorn.tests.ws.WsClient;
import io.jgunicorn.tests.ws.WsClient.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WebSocket demos of Tomcat 11's own {@code examples} webapp (from the Tomcat distribution on
 * Maven Central, unpacked by the build), deployed unchanged and driven by a client as their pages'
 * scripts drive them, under each worker class that holds long connections: the three echo
 * endpoints (annotated, programmatic through the webapp's {@code ServerApplicationConfig}, and the
 * one that answers through {@code getSendWriter()}/{@code getSendStream()}), the chat room, the
 * snake game (a timer thread broadcasts the game state) and the drawboard (a room thread, PNG
 * snapshot, asynchronous sends). One server per worker class serves all of them.
 */
class TomcatWebSocketExamplesTest {

    static final List<String> CLASSES = List.of("gthread", "virtual", "async");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Jgunicorn> SERVERS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path examples = Path.of(System.getProperty("tomcat.examples", "target/tomcat/apache-tomcat-11.0.24/webapps/examples"));
        assertTrue(Files.isDirectory(examples.resolve("WEB-INF")), "examples webapp not unpacked by the build: " + examples);
        Map<String, Future<Jgunicorn>> starting = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String k : CLASSES) {
                starting.put(k, pool.submit(() -> Jgunicorn.start("-k", k, "-w", "1", "--timeout", "180", examples.toString())));
            }
        }
        for (Map.Entry<String, Future<Jgunicorn>> e : starting.entrySet()) {
            try {
                SERVERS.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException failed) {
                stop();
                throw new AssertionError("could not start jgunicorn -k " + e.getKey() + " with " + examples, failed.getCause());
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Jgunicorn j : SERVERS.values()) {
            j.close();
        }
    }

    /** Runs one demo's check; a failure carries the server's log (the endpoints log through JULI). */
    interface Demo {
        void run(int port) throws Exception;
    }

    static void drive(String k, Demo demo) throws Exception {
        Jgunicorn server = SERVERS.get(k);
        try {
            SampleWarsSmokeTest.awaitWorker(server.port());
            demo.run(server.port());
        } catch (AssertionError | Exception e) {
            throw new AssertionError("under -k " + k + ": " + e + "\nserver log:\n" + server.output(), e);
        }
    }

    static WsClient open(int port, String path) throws IOException {
        WsClient ws = WsClient.connect(port, path);
        assertEquals(101, ws.status(), path);
        return ws;
    }

    static String text(WsClient ws) throws IOException {
        Message m = ws.readMessage();
        assertEquals(WsClient.TEXT, m.opcode(), () -> "a text message, got opcode " + m.opcode() + ": " + m.text());
        return m.text();
    }

    /** Reads text messages until one matches; at most {@code limit} (the socket timeout bounds each read). */
    static String textUntil(WsClient ws, int limit, Predicate<String> wanted) throws IOException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            String t = text(ws);
            if (wanted.test(t)) {
                return t;
            }
            seen.add(t);
        }
        throw new AssertionError("no wanted message among " + seen);
    }

    static void closeNormally(WsClient ws) throws IOException {
        ws.sendClose(1000, "done");
        assertEquals(1000, ws.awaitClose().closeCode(), "the close handshake is answered");
        assertTrue(ws.endOfStream(), "then the server closes the connection");
    }

    // --- echo ------------------------------------------------------------------------------

    /** What echo.xhtml does with each of the three echo endpoints, plus fragments and a pong. */
    static void echoes(WsClient ws) throws IOException {
        ws.sendText("héllo examples ✓");
        assertEquals("héllo examples ✓", text(ws));
        byte[] bytes = WsClient.random(70_000); // a 64-bit length
        ws.send(WsClient.BINARY, bytes);
        Message binary = ws.readMessage();
        assertEquals(WsClient.BINARY, binary.opcode());
        assertArrayEquals(bytes, binary.payload());
        // a fragmented text message: the endpoints take partial messages, the echo is whole again
        String[] parts = {"one ", "two ", "three"};
        for (int i = 0; i < parts.length; i++) {
            ws.send(i == parts.length - 1, 0, i == 0 ? WsClient.TEXT : WsClient.CONTINUATION,
                    parts[i].getBytes(StandardCharsets.UTF_8), true);
        }
        assertEquals("one two three", text(ws));
        ws.send(WsClient.PONG, "unsolicited".getBytes(StandardCharsets.UTF_8)); // the endpoints' @OnMessage PongMessage
        ws.sendText("after the pong");
        assertEquals("after the pong", text(ws));
        closeNormally(ws);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void annotatedEcho(String k) throws Exception {
        drive(k, port -> {
            try (WsClient ws = open(port, "/websocket/echoAnnotation")) {
                echoes(ws);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void programmaticEchoRegisteredByTheServerApplicationConfig(String k) throws Exception {
        drive(k, port -> {
            try (WsClient ws = open(port, "/websocket/echoProgrammatic")) {
                echoes(ws);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void streamEchoThroughTheSendWriterAndSendStream(String k) throws Exception {
        drive(k, port -> {
            try (WsClient ws = open(port, "/websocket/echoStreamAnnotation")) {
                echoes(ws);
            }
        });
    }

    // --- chat ------------------------------------------------------------------------------

    static final Pattern JOINED = Pattern.compile("^\\* (Guest\\d+) has joined\\.$");

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void chatJoinsBroadcastsAndLeaves(String k) throws Exception {
        drive(k, port -> {
            try (WsClient ann = open(port, "/websocket/chat")) {
                Matcher a = JOINED.matcher(text(ann));
                assertTrue(a.matches(), "the joiner hears its own join");
                String annName = a.group(1);
                try (WsClient b = open(port, "/websocket/chat")) {
                    Matcher joined = JOINED.matcher(text(b));
                    assertTrue(joined.matches());
                    String bobName = joined.group(1);
                    assertTrue(!bobName.equals(annName), "each connection has its own guest name");
                    assertEquals("* " + bobName + " has joined.", text(ann), "the others hear the join");
                    ann.sendText("hello <b>bob</b> & all");
                    String said = annName + ": hello &lt;b&gt;bob&lt;/b&gt; &amp; all"; // the examples' HTMLFilter
                    assertEquals(said, text(ann));
                    assertEquals(said, text(b), "the broadcast reaches the other client");
                    b.sendText("hi");
                    assertEquals(bobName + ": hi", text(ann));
                    assertEquals(bobName + ": hi", text(b));
                    closeNormally(b);
                    assertEquals("* " + bobName + " has disconnected.", text(ann), "the leave is broadcast (@OnClose)");
                }
                closeNormally(ann);
            }
        });
    }

    // --- snake -----------------------------------------------------------------------------

    static JsonNode json(WsClient ws) throws IOException {
        return JSON.readTree(text(ws));
    }

    /** The next message of a type, skipping the others ("update" every 100 ms, "dead", "kill"). */
    static JsonNode next(WsClient ws, String type) throws IOException {
        for (int i = 0; i < 200; i++) {
            JsonNode m = json(ws);
            if (type.equals(m.get("type").asText())) {
                return m;
            }
        }
        throw new AssertionError("no " + type + " message among 200");
    }

    /** The head of snake {@code id} in an update, or null when the update has no such snake. */
    static int[] head(JsonNode update, int id) {
        for (JsonNode snake : update.get("data")) {
            if (snake.get("id").asInt() == id) {
                JsonNode h = snake.get("body").get(0);
                return new int[] {h.get("x").asInt(), h.get("y").asInt()};
            }
        }
        return null;
    }

    static List<Integer> ids(JsonNode join) {
        List<Integer> ids = new ArrayList<>();
        join.get("data").forEach(s -> ids.add(s.get("id").asInt()));
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void snakeJoinsMovesAndLeaves(String k) throws Exception {
        drive(k, port -> {
            try (WsClient one = open(port, "/websocket/snake")) {
                JsonNode joined = next(one, "join");
                assertEquals(1, ids(joined).size(), "one snake in the game: " + joined);
                int me = ids(joined).getFirst();
                assertTrue(joined.get("data").get(0).get("color").asText().matches("#[0-9a-f]{6}"), joined.toString());
                try (WsClient two = open(port, "/websocket/snake")) {
                    JsonNode both = next(two, "join");
                    assertEquals(2, ids(both).size(), both.toString());
                    int other = ids(both).stream().filter(id -> id != me).findFirst().orElseThrow();
                    assertEquals(ids(both), ids(next(one, "join")), "the first client hears the second join");
                    // the game's timer thread sends both snakes' state to every client
                    int[] still = head(next(two, "update"), me);
                    assertTrue(still != null && head(next(one, "update"), other) != null);
                    one.sendText("east");
                    assertTrue(movesEast(two, me, still), "the direction the first client sent, seen by the second");
                    closeNormally(two);
                    JsonNode left = next(one, "leave");
                    assertEquals(other, left.get("id").asInt(), "the leave is broadcast (@OnClose)");
                }
                JsonNode alone = next(one, "update");
                assertEquals(List.of(me), idsOf(alone), "the left snake is gone from the game");
                closeNormally(one);
            }
        });
    }

    /** Reads updates until snake {@code id} has moved; true when that move was one grid step east. */
    static boolean movesEast(WsClient ws, int id, int[] from) throws IOException {
        for (int i = 0; i < 100; i++) {
            int[] now = head(next(ws, "update"), id);
            if (now != null && !Arrays.equals(now, from)) {
                int x = from[0] + 10 >= 640 ? 0 : from[0] + 10; // the playfield wraps (SnakeAnnotation)
                assertEquals(from[1], now[1], "same row");
                return now[0] == x;
            }
        }
        return false;
    }

    static List<Integer> idsOf(JsonNode update) {
        List<Integer> ids = new ArrayList<>();
        update.get("data").forEach(s -> ids.add(s.get("id").asInt()));
        return ids;
    }

    // --- drawboard -------------------------------------------------------------------------

    /** The next text message's room messages (the server joins queued ones with ';', as drawboard.xhtml splits). */
    static List<String> roomMessages(WsClient ws) throws IOException {
        return List.of(text(ws).split(";"));
    }

    /** Room messages until one starts with {@code prefix}; at most 100 text messages. */
    static String roomMessage(WsClient ws, String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            for (String m : roomMessages(ws)) {
                if (m.startsWith(prefix)) {
                    return m;
                }
                seen.add(m);
            }
        }
        throw new AssertionError("no room message " + prefix + " among " + seen);
    }

    /** What a player gets on joining (Room.createAndAddPlayer): '2' and the player count, then the room's PNG. */
    static void joinsRoom(WsClient ws, int players) throws IOException {
        assertEquals(List.of("2" + players), roomMessages(ws), "the image message with the number of players");
        Message png = ws.readMessage();
        assertEquals(WsClient.BINARY, png.opcode(), "the room image follows as a binary message");
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertArrayEquals(signature, Arrays.copyOf(png.payload(), 8), "a PNG (ImageIO, the room's 900x600 image)");
        assertTrue(png.payload().length > 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gthread", "virtual", "async"})
    void drawboardSendsTheRoomThenBroadcastsDrawings(String k) throws Exception {
        drive(k, port -> {
            try (WsClient first = open(port, "/websocket/drawboard")) {
                joinsRoom(first, 1);
                try (WsClient second = open(port, "/websocket/drawboard")) {
                    joinsRoom(second, 2);
                    assertEquals("3+", roomMessage(first, "3"), "the first player hears that one joined");
                    // what drawboard.xhtml's pushPath sends: '1', the message id, '|', type,r,g,b,a,thickness,x1,y1,x2,y2
                    first.sendText("117|1,255,0,0,255,5,10,20,60,70");
                    String drawn = ",1,255,0,0,255,5.0,10.0,20.0,60.0,70.0";
                    assertEquals("117" + drawn, roomMessage(first, "1"), "the drawer gets it back with its own message id");
                    assertEquals("10" + drawn, roomMessage(second, "1"), "the other player gets it with its last id (none yet: 0)");
                    second.sendText("0"); // a pong message: ignored
                    closeNormally(second);
                    assertEquals("3-", roomMessage(first, "3"), "the first player hears that one left");
                }
                closeNormally(first);
            }
        });
    }
}
