package io.jgunicorn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bind: repeated -b, Unix sockets, IPv6, inherited fds and systemd socket activation. */
class BindTest {

    static final Duration LONG = Duration.ofSeconds(60);
    static final Pattern LISTENING = Pattern.compile("Listening at: (\\S+) \\(");

    @TempDir
    Path tmp;

    static String hello() {
        return Jgunicorn.exampleWar("hello").toString();
    }

    static List<String> listening(Jgunicorn j, int n) {
        Jgunicorn.await(n + " Listening lines", LONG, () -> j.count(LISTENING) >= n);
        List<String> urls = new ArrayList<>();
        for (String l : j.lines()) {
            Matcher m = LISTENING.matcher(l);
            if (m.find()) {
                urls.add(m.group(1));
            }
        }
        return urls;
    }

    static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    static Http.Response overUnix(Path socket, String target) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(ch).write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return Http.read(Channels.newInputStream(ch), false);
        }
    }

    @Test
    void repeatedBindsAndAUnixSocketAllServeEveryWorker() throws Exception {
        Path sock = tmp.resolve("app.sock");
        try (Jgunicorn j = Jgunicorn.start("-b", "127.0.0.1:0", "-b", "unix:" + sock, "-w", "2", hello())) {
            List<String> urls = listening(j, 3);
            assertEquals("unix:" + sock, urls.get(2));
            int a = port(urls.get(0));
            int b = port(urls.get(1));
            assertTrue(a != b);
            assertEquals(200, Http.get(a, "/").status());
            assertEquals(200, Http.get(b, "/").status());
            Http.Response u = overUnix(sock, "/");
            assertEquals(200, u.status());
            assertTrue(u.text().contains("Hello from jgunicorn!"));
            // the arbiter owns the socket file, mode as created; it is removed at exit
            j.signal("TERM");
            j.awaitExit(LONG);
            assertTrue(!Files.exists(sock), "the Unix socket file is removed on exit");
        }
    }

    @Test
    void ipv6Loopback() throws Exception {
        assumeTrue(ipv6());
        try (Jgunicorn j = Jgunicorn.launch(List.of("-b", "[::1]:0", "--no-control-socket", hello()), Map.of(), null)) {
            String url = listening(j, 1).getFirst();
            assertTrue(url.startsWith("http://[0:0:0:0:0:0:0:1]:") || url.startsWith("http://[::1]:"), url);
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("::1", port(url)), 10_000);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: [::1]\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(200, Http.read(s.getInputStream(), false).status());
            }
        }
    }

    static boolean ipv6() {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress("::1", 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs ./jgunicorn with a listening socket already open on fd 3, as systemd or a supervisor
     * hands it over (python3 binds it and execs the launcher, which keeps the pid).
     */
    private Jgunicorn withInheritedSocket(String mode, List<String> args) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || which("python3"));
        String script = """
                import os, socket, sys
                s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(('127.0.0.1', 0)); s.listen(16)
                os.dup2(s.fileno(), 3); os.set_inheritable(3, True)
                env = dict(os.environ)
                if sys.argv[1] == 'systemd':
                    env['LISTEN_FDS'] = '1'; env['LISTEN_PID'] = str(os.getpid())
                os.execve(sys.argv[2], sys.argv[2:], env)
                """;
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script, mode, Jgunicorn.root().resolve("jgunicorn").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Jgunicorn.root().toFile());
        pb.environment().put("JGUNICORN_SKIP_BUILD", "1");
        return Jgunicorn.wrap(pb.start(), args);
    }

    static boolean which(String prog) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, prog))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void fdBindUsesAnInheritedSocket() throws Exception {
        try (Jgunicorn j = withInheritedSocket("fd", List.of("-b", "fd://3", "--no-control-socket", hello()))) {
            String url = listening(j, 1).getFirst();
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            assertEquals(200, Http.get(port(url), "/").status());
        }
    }

    @Test
    void systemdSocketActivationReplacesTheBinds() throws Exception {
        try (Jgunicorn j = withInheritedSocket("systemd", List.of("-b", "127.0.0.1:1", "--no-control-socket", hello()))) {
            String url = listening(j, 1).getFirst();
            assertTrue(!url.endsWith(":1"), "the configured bind is replaced: " + url);
            assertEquals(200, Http.get(port(url), "/").status());
        }
    }

    @Test
    void backlogIsTheListenQueueSize() throws Exception {
        assumeTrue(which("ss"));
        try (Jgunicorn j = Jgunicorn.start("--backlog", "37", hello())) {
            int port = j.port();
            Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor();
            // for a listening socket, ss shows the backlog as Send-Q (third column)
            String[] cols = out.trim().split("\\s+");
            assertEquals("37", cols[2], out);
        }
    }
}
