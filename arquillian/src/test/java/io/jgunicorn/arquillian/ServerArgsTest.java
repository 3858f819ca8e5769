package io.jgunicorn.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerArgsTest {

    static final Set<String> FLAGS = Set.of("--worker-class", "--threads", "--realm-file", "--timeout",
            "--preload", "--no-control-socket", "--certfile", "--keyfile", "--ca-certs", "--cert-reqs");

    @TempDir
    Path dir;

    @Test
    void namedPropertiesSettingsAndRawArgumentsBecomeFlagsInThatOrder() throws Exception {
        JgunicornConfiguration c = new JgunicornConfiguration();
        c.setWorkerClass("gthread");
        c.setThreads(4);
        c.setSettings("timeout = 120; preload\n# a comment");
        c.setJgunicornArgs("--log-level 'debug' \"two words\"");
        assertEquals(List.of("-b", "127.0.0.1:0", "--worker-class", "gthread", "--threads", "4", "--timeout", "120",
                "--preload", "--no-control-socket", "--log-level", "debug", "two words"),
                ServerArgs.of(c, FLAGS, dir));
    }

    @Test
    void realmUsersAreWrittenAsAHashedRealmFile() throws Exception {
        JgunicornConfiguration c = new JgunicornConfiguration();
        c.setRealmUsers("alice:secret:admin,user; bob:pw");
        List<String> args = ServerArgs.of(c, FLAGS, dir);
        Path realm = Path.of(args.get(args.indexOf("--realm-file") + 1));
        List<String> lines = Files.readAllLines(realm);
        assertTrue(lines.get(0).matches("alice = pbkdf2-sha256\\$\\d+\\$\\S+\\$\\S+, admin,user"), lines.get(0));
        assertTrue(lines.get(1).matches("bob = pbkdf2-sha256\\$\\d+\\$\\S+\\$\\S+"), lines.get(1));
        assertTrue(!Files.readString(realm).contains("secret"));
    }

    @Test
    void realmUsersTakeX500NamesAndQuotedNames() throws Exception {
        JgunicornConfiguration c = new JgunicornConfiguration();
        c.setRealmUsers("CN=CTS, OU=Java Software, O=Sun Microsystems Inc., L=Burlington, ST=MA, C=US:pw:Administrator;"
                + " \"a:b;c\":pw2:user");
        List<String> args = ServerArgs.of(c, FLAGS, dir);
        List<String> lines = Files.readAllLines(Path.of(args.get(args.indexOf("--realm-file") + 1)));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\"CN=CTS, OU=Java Software, O=Sun Microsystems Inc\\., L=Burlington, ST=MA, C=US\" = "
                + "pbkdf2-sha256\\$\\d+\\$\\S+\\$\\S+, Administrator"), lines.get(0));
        assertTrue(lines.get(1).matches("a:b;c = pbkdf2-sha256\\$\\d+\\$\\S+\\$\\S+, user"), lines.get(1));
        assertEquals("\"x \\\"y\\\"\"", RealmFile.quote("x \"y\""));
        assertEquals("\" padded\"", RealmFile.quote(" padded"));
    }

    @Test
    void aTestServerRollsQuicklyUnlessTheConfigurationSaysOtherwise() throws Exception {
        Set<String> flags = new java.util.HashSet<>(FLAGS);
        flags.addAll(Set.of("--deploy-skip-check", "--deploy-scan-interval", "--worker-jvm-opts"));
        JgunicornConfiguration c = new JgunicornConfiguration();
        String line = String.join(" ", ServerArgs.of(c, flags, dir));
        assertTrue(line.contains("--deploy-skip-check --deploy-scan-interval 0.05 --worker-jvm-opts "
                + ServerArgs.QUICK_START_JVM_OPTS), line);
        c.setSettings("deploy_skip_check=false; deploy_scan_interval=1; worker_jvm_opts=-Xmx1g");
        List<String> args = ServerArgs.of(c, flags, dir);
        assertTrue(!args.contains("--deploy-skip-check") && !args.contains("false"), args.toString());
        line = String.join(" ", args);
        assertTrue(line.contains("--deploy-scan-interval 1 --worker-jvm-opts -Xmx1g"), line);
        // a jgunicorn without these settings gets none of them
        assertTrue(!String.join(" ", ServerArgs.of(new JgunicornConfiguration(), FLAGS, dir)).contains("deploy"));
    }

    @Test
    void aTestServerKeepsIdleConnectionsOneSecondUnlessTheConfigurationSaysOtherwise() throws Exception {
        Set<String> flags = new java.util.HashSet<>(FLAGS);
        flags.add("--keep-alive");
        JgunicornConfiguration c = new JgunicornConfiguration();
        List<String> args = ServerArgs.of(c, flags, dir);
        assertEquals("1", args.get(args.indexOf("--keep-alive") + 1), args.toString());
        c.setSettings("keep_alive=5");
        args = ServerArgs.of(c, flags, dir);
        assertEquals("5", args.get(args.indexOf("--keep-alive") + 1), args.toString());
        assertEquals(1, java.util.Collections.frequency(args, "--keep-alive"), args.toString());
        assertTrue(!ServerArgs.of(new JgunicornConfiguration(), FLAGS, dir).contains("--keep-alive"));
    }

    @Test
    void aTestServerSendsAbsoluteRedirectsAsTheServletSpecSaysUnlessTheConfigurationSaysOtherwise() throws Exception {
        Set<String> flags = new java.util.HashSet<>(FLAGS);
        flags.add("--absolute-redirects");
        assertTrue(ServerArgs.of(new JgunicornConfiguration(), flags, dir).contains("--absolute-redirects"));
        JgunicornConfiguration relative = new JgunicornConfiguration();
        relative.setSettings("absolute_redirects=false");
        assertTrue(!ServerArgs.of(relative, flags, dir).contains("--absolute-redirects"));
        assertTrue(!ServerArgs.of(new JgunicornConfiguration(), FLAGS, dir).contains("--absolute-redirects"));
    }

    @Test
    void tlsSettingsPassThrough() throws Exception {
        JgunicornConfiguration c = new JgunicornConfiguration();
        c.setCertfile("/s.crt");
        c.setKeyfile("/s.key");
        c.setCaCerts("/ca.crt");
        c.setCertReqs("2");
        String line = String.join(" ", ServerArgs.of(c, FLAGS, dir));
        assertTrue(line.contains("--certfile /s.crt --keyfile /s.key --ca-certs /ca.crt --cert-reqs 2"), line);
    }

    @Test
    void aSettingThisServerLacksFailsByName() {
        JgunicornConfiguration c = new JgunicornConfiguration();
        c.setSettings("made_up_setting=1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerArgs.of(c, FLAGS, dir));
        assertTrue(e.getMessage().contains("made_up_setting (--made-up-setting)"), e.getMessage());
    }

    @Test
    void crossContextIsASwitch() throws Exception {
        JgunicornConfiguration c = new JgunicornConfiguration();
        c.setCrossContext(true);
        Set<String> flags = new java.util.HashSet<>(FLAGS);
        flags.add("--cross-context");
        List<String> args = ServerArgs.of(c, flags, dir);
        int at = args.indexOf("--cross-context");
        assertTrue(at > 0, args.toString());
        assertTrue(args.get(at + 1).startsWith("--"), "a switch takes no value: " + args);
    }

    @Test
    void byDefaultOneConcurrentWorkerSoInContainerCallbacksReachTheTestsWorker() throws Exception {
        Set<String> flags = new java.util.HashSet<>(FLAGS);
        flags.add("--workers");
        JgunicornConfiguration c = new JgunicornConfiguration();
        assertEquals(List.of("-b", "127.0.0.1:0", "--workers", "1", "--worker-class", "virtual", "--no-control-socket"),
                ServerArgs.of(c, flags, dir));
        c.setThreads(8); // jgunicorn makes sync with threads gthread: no class of ours
        assertEquals(List.of("-b", "127.0.0.1:0", "--threads", "8", "--workers", "1", "--no-control-socket"),
                ServerArgs.of(c, flags, dir));
        c.setSettings("workers=3; worker_class=async");
        String line = String.join(" ", ServerArgs.of(c, flags, dir));
        assertTrue(line.contains("--workers 3") && line.contains("--worker-class async") && !line.contains("virtual"), line);
    }

    @Test
    void serverShapesThatHangOrScatterInContainerCallbacksAreNamed() {
        assertEquals(null, ServerArgs.inContainerCaveat(List.of("--workers", "1", "--worker-class", "virtual")));
        assertEquals(null, ServerArgs.inContainerCaveat(List.of("-k", "sync", "--threads", "4")));
        assertTrue(ServerArgs.inContainerCaveat(List.of("--workers", "1")).contains("one request at a time"));
        assertTrue(ServerArgs.inContainerCaveat(List.of("-k", "gthread", "--workers", "1", "-w", "4"))
                .contains("with 4 workers"));
        assertTrue(ServerArgs.inContainerCaveat(List.of("-k", "virtual", "--workers=2")).contains("with 2 workers"));
    }

    @Test
    void unbalancedQuotesAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("--name 'oops"));
    }
}
