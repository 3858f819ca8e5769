package io.jgunicorn.container.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code jgunicorn ctl [--control-socket PATH] [--json] COMMAND...}: talks to a running arbiter
 * through its control socket. Exit codes: 0 ok, 1 the arbiter refused the command, 2 usage error
 * or no arbiter listening.
 */
public final class Ctl {

    static final String USAGE = """
            Usage: jgunicorn ctl [--control-socket PATH] [--json] COMMAND
              show workers | show stats | show config | show deployments | show listeners | show all
              reload | reopen | shutdown [graceful|quick]
              worker add [N] | worker remove [N] | worker kill PID     (N defaults to 1)
              help
            The control socket is jgunicorn.ctl in the working directory unless --control-socket says otherwise.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Ctl() {}

    public static int run(List<String> args, Path cwd, PrintStream out, PrintStream err) {
        Path socket = cwd.resolve("jgunicorn.ctl");
        boolean json = false;
        List<String> words = new ArrayList<>();
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String a = it.next();
            switch (a) {
                case "--json" -> json = true;
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--control-socket" -> {
                    if (!it.hasNext()) {
                        err.println("jgunicorn ctl: error: --control-socket needs a path");
                        return 2;
                    }
                    socket = cwd.resolve(it.next());
                }
                default -> {
                    if (a.startsWith("--control-socket=")) {
                        socket = cwd.resolve(a.substring("--control-socket=".length()));
                    } else if (a.startsWith("-")) {
                        err.println("jgunicorn ctl: error: unknown option " + a);
                        return 2;
                    } else {
                        words.add(a);
                    }
                }
            }
        }
        if (words.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        if (words.equals(List.of("help"))) {
            out.print(USAGE); // no arbiter needed
            return 0;
        }
        JsonNode reply;
        try {
            reply = send(socket, words);
        } catch (IOException e) {
            err.println("jgunicorn ctl: error: cannot reach an arbiter at " + socket + ": " + e.getMessage());
            return 2;
        }
        if (json) {
            out.println(reply.toString());
        } else if (reply.path("ok").asBoolean()) {
            print(words, reply.get("result"), out);
        } else {
            err.println("jgunicorn ctl: error: " + reply.path("error").asText());
        }
        return reply.path("ok").asBoolean() ? 0 : 1;
    }

    static JsonNode send(Path socket, List<String> words) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            var o = Channels.newOutputStream(ch);
            o.write(JSON.writeValueAsBytes(words));
            o.write('\n');
            o.flush();
            byte[] answer = Channels.newInputStream(ch).readAllBytes();
            return JSON.readTree(new String(answer, StandardCharsets.UTF_8));
        }
    }

    private static void print(List<String> words, JsonNode result, PrintStream out) {
        if (words.equals(List.of("show", "workers"))) {
            out.printf("%-10s %-5s %-4s %-6s %-9s %s%n", "PID", "AGE", "GEN", "READY", "UPTIME_S", "HEARTBEAT_MS_AGO");
            for (JsonNode w : result) {
                out.printf("%-10s %-5s %-4s %-6s %-9s %s%n", w.get("pid").asText(), w.get("age").asText(),
                        w.get("generation").asText(), w.get("ready").asText(), w.get("uptime_s").asText(),
                        w.get("last_heartbeat_ms_ago").asText());
            }
        } else if (words.equals(List.of("show", "listeners"))) {
            result.forEach(l -> out.println(l.asText()));
        } else if (words.equals(List.of("show", "all"))) {
            for (Map.Entry<String, JsonNode> e : result.properties()) {
                if (e.getKey().equals("workers") || e.getKey().equals("deployments")) {
                    out.println();
                    print(List.of("show", e.getKey()), e.getValue(), out);
                } else {
                    out.println(e.getKey() + " = " + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue()));
                }
            }
        } else if (words.equals(List.of("show", "deployments"))) {
            out.printf("%-24s %-12s %-20s %s%n", "NAME", "STATE", "CONTEXT_PATHS", "SINCE / REASON");
            for (JsonNode d : result) {
                List<String> paths = new ArrayList<>();
                d.path("context_paths").forEach(p -> paths.add(p.asText()));
                String note = d.has("reason") ? d.get("reason").asText().replace('\n', ' ') : d.path("since").asText();
                out.printf("%-24s %-12s %-20s %s%n", d.path("name").asText(), d.path("state").asText(),
                        paths.isEmpty() ? "-" : String.join(" ", paths), note);
            }
        } else if (result.isObject()) {
            for (Map.Entry<String, JsonNode> e : result.properties()) {
                out.println(e.getKey() + " = " + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue()));
            }
        } else {
            out.println(result.isTextual() ? result.asText() : result.toString());
        }
    }
}
