package io.jgunicorn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path cwd;

    private Config load(Map<String, String> env, String... args) {
        ConfigLoader.Result r = ConfigLoader.load(args, env, cwd);
        assertEquals(CommandLineParser.Action.RUN, r.action());
        return r.config();
    }

    @Test
    void defaultsMatchGunicorn() {
        Config c = load(Map.of());
        assertEquals(List.of("127.0.0.1:8000"), c.list("bind"));
        assertEquals(1, c.integer("workers"));
        assertEquals("sync", c.string("worker_class"));
        assertEquals(30, c.integer("timeout"));
        assertEquals(4094, c.integer("limit_request_line"));
        assertEquals(2, c.integer("keepalive"));
        assertNull(c.string("app"));
    }

    @Test
    void positionalAppAndShortFlags() {
        Config c = load(Map.of(), "-w", "3", "-k", "virtual", "-b", "127.0.0.1:0", "-b", "unix:/tmp/x.sock", "app.war");
        assertEquals(3, c.integer("workers"));
        assertEquals("virtual", c.string("worker_class"));
        assertEquals(List.of("127.0.0.1:0", "unix:/tmp/x.sock"), c.list("bind"));
        assertEquals("app.war", c.string("app"));
    }

    @Test
    void precedenceIsDefaultsThenFileThenEnvArgsThenCommandLine() throws IOException {
        Files.writeString(cwd.resolve("jgunicorn.conf.toml"),
                "workers = 2\ntimeout = 40\nkeepalive = 7\nbind = [\"127.0.0.1:9000\"]\n");
        Map<String, String> env = Map.of("WEB_CONCURRENCY", "5", "PORT", "7000",
                "JGUNICORN_CMD_ARGS", "--timeout 50 --keep-alive 8");
        Config c = load(env, "--keep-alive", "9");
        assertEquals(2, c.integer("workers"), "file beats WEB_CONCURRENCY");
        assertEquals(List.of("127.0.0.1:9000"), c.list("bind"), "file beats PORT");
        assertEquals(50, c.integer("timeout"), "JGUNICORN_CMD_ARGS beats the file");
        assertEquals(9, c.integer("keepalive"), "command line beats JGUNICORN_CMD_ARGS");
    }

    @Test
    void environmentDefaults() {
        Config c = load(Map.of("WEB_CONCURRENCY", "4", "PORT", "7001"));
        assertEquals(4, c.integer("workers"));
        assertEquals(List.of("0.0.0.0:7001"), c.list("bind"));
    }

    @Test
    void forwardedAllowIpsEnvironmentVariableIsTheDefaultAsInGunicorn() throws IOException {
        assertEquals(List.of("10.0.0.0/8", "192.168.1.2"),
                load(Map.of("FORWARDED_ALLOW_IPS", "10.0.0.0/8, 192.168.1.2")).list("forwarded_allow_ips"));
        assertEquals(List.of("127.0.0.1", "::1"), load(Map.of()).list("forwarded_allow_ips"));
        Files.writeString(cwd.resolve("jgunicorn.conf.toml"), "forwarded_allow_ips = \"*\"\n");
        assertEquals(List.of("*"), load(Map.of("FORWARDED_ALLOW_IPS", "10.0.0.1")).list("forwarded_allow_ips"),
                "the config file beats the environment");
    }

    @Test
    void syncWithThreadsBecomesGthread() {
        assertEquals("gthread", load(Map.of(), "-k", "sync", "--threads", "4").string("worker_class"));
        assertEquals("sync", load(Map.of(), "--threads", "1").string("worker_class"));
    }

    @Test
    void unknownFlagIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> load(Map.of(), "--no-such-flag"));
        assertTrue(e.getMessage().contains("--no-such-flag"), e.getMessage());
    }

    @Test
    void badValuesNameTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "-w", "zero"));
        assertEquals("workers", e.setting());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "-w", "0"));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "-k", "fibers"));
        assertTrue(e.getMessage().contains("sync, gthread, virtual"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "-b", "127.0.0.1:99999"));
        assertEquals("bind", e.setting());
    }

    @Test
    void configFileErrorsNameFileAndKey() throws IOException {
        Files.writeString(cwd.resolve("bad.toml"), "wrokers = 2\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "-c", "bad.toml"));
        assertTrue(e.getMessage().contains("bad.toml") && e.getMessage().contains("wrokers"), e.getMessage());
        assertThrows(ConfigException.class, () -> load(Map.of(), "-c", "missing.toml"));
    }

    @Test
    void twoAppSourcesAreAUsageError() {
        assertThrows(UsageException.class, () -> load(Map.of(), "--war", "a.war", "b.war"));
    }

    @Test
    void proxyProtocolBareFlagMeansAuto() {
        assertEquals("auto", load(Map.of(), "--proxy-protocol").string("proxy_protocol"));
        assertEquals("v2", load(Map.of(), "--proxy-protocol", "v2").string("proxy_protocol"));
        assertEquals("off", load(Map.of()).string("proxy_protocol"));
    }

    @Test
    void gunicornFlagsWithoutMeaningHereAreAcceptedWithOneWarningEach() {
        ConfigLoader.Result r = ConfigLoader.load(new String[] {"--reuse-port", "--no-sendfile", "-R", "--spew",
                "--log-syslog", "--log-syslog-to", "udp://localhost:514", "--pythonpath", "/srv/app", "-w", "3",
                "app.war"}, Map.of("JGUNICORN_CMD_ARGS", "--suppress-ragged-eofs"), cwd);
        assertEquals(3, r.config().integer("workers"), "the real settings around them still count");
        assertEquals("app.war", r.config().string("app"), "a value flag does not swallow the positional APP");
        assertEquals(8, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("--reuse-port (Gunicorn's reuse_port) has no "
                + "meaning here and is ignored: ")), r.warnings().toString());
        assertTrue(r.warnings().getFirst().startsWith("JGUNICORN_CMD_ARGS: --suppress-ragged-eofs"), r.warnings().toString());
        for (SettingsDoc.Absent a : SettingsDoc.ABSENT) {
            for (String flag : a.flags()) {
                if (flag.equals("--paste-global")) {
                    continue; // a real setting here (paste_global)
                }
                List<String> args = new java.util.ArrayList<>(List.of(flag));
                if (a.takesValue()) {
                    args.add("x");
                }
                assertEquals(1, ConfigLoader.load(args.toArray(String[]::new), Map.of(), cwd).warnings().size(), flag);
            }
        }
        assertFalse(CommandLineParser.usage().contains("--reuse-port"), "hidden from --help (docs/settings.md lists them)");
    }

    @Test
    void helpAndVersionAreActions() {
        assertEquals(CommandLineParser.Action.HELP, ConfigLoader.load(new String[] {"--help"}, Map.of(), cwd).action());
        assertEquals(CommandLineParser.Action.VERSION, ConfigLoader.load(new String[] {"-v"}, Map.of(), cwd).action());
        assertTrue(CommandLineParser.usage().contains("--worker-class"));
        assertTrue(CommandLineParser.usage().contains("jgunicorn ctl ") && CommandLineParser.usage().contains(
                "jgunicorn hash-password "), "--help lists the subcommands:\n" + CommandLineParser.usage());
        assertFalse(CommandLineParser.version().contains("${"), "version is filtered by the build");
    }

    @Test
    void aValueMayStartWithADashThatNamesAnOption() {
        // -D is --daemon's short name; JVM options are what --worker-jvm-opts carries
        assertEquals("-Dfoo=1 -Xss1m", load(Map.of(), "--worker-jvm-opts", "-Dfoo=1 -Xss1m").string("worker_jvm_opts"));
        assertEquals("-Dfoo=1", load(Map.of(), "--worker-jvm-opts=-Dfoo=1").string("worker_jvm_opts"));
        assertFalse(load(Map.of(), "--worker-jvm-opts", "-Dfoo=1").bool("daemon"), "consumed as the value, not as -D");
        // an option whose value is optional does not swallow the next option
        Config c = load(Map.of(), "--proxy-protocol", "--proxy-allow-from", "10.9.9.9");
        assertEquals(List.of("10.9.9.9"), c.list("proxy_allow_ips"));
        assertThrows(UsageException.class, () -> load(Map.of(), "--worker-jvm-opts", "--daemon"),
                "a missing value is still an error");
    }

    @Test
    void printConfigIsSortedTomlThatReadsBack() throws IOException {
        Config c = load(Map.of(), "-w", "3", "-b", "127.0.0.1:0", "--worker-jvm-opts", "-Xmx64m \"quoted\"");
        String toml = c.toToml();
        List<String> lines = toml.lines().toList();
        assertEquals(lines.stream().sorted().toList(), lines, "sorted");
        assertTrue(lines.contains("workers = 3"), toml);
        assertTrue(lines.contains("bind = [\"127.0.0.1:0\"]"), toml);
        // pasting it into a config file gives the same configuration back
        Path f = cwd.resolve("printed.toml");
        Files.writeString(f, toml.lines().filter(l -> !l.contains("= \"\"")).reduce("", (a, l) -> a + l + "\n"));
        Config back = load(Map.of(), "-c", "printed.toml");
        assertEquals(c.integer("workers"), back.integer("workers"));
        assertEquals(c.string("worker_jvm_opts"), back.string("worker_jvm_opts"));
    }

    @Test
    void workersRebuildTheSameConfigFromText() {
        Config c = load(Map.of(), "-w", "2", "-b", "127.0.0.1:0", "--forwarded-allow-ips", "10.0.0.1,10.0.0.2");
        Config back = Config.fromText(c.asText());
        assertEquals(c.asText(), back.asText());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), back.list("forwarded_allow_ips"));
    }

    @Test
    void shellWordsForCmdArgs() {
        assertEquals(List.of("-b", "a b", "--x=y z", "q"), ShellWords.split(" -b 'a b' \"--x=y z\" q "));
        assertThrows(UsageException.class, () -> ShellWords.split("'open"));
    }

    @Test
    void opsSettingsUnderGunicornFlags() throws IOException {
        Config c = load(Map.of(), "--reload", "--reload-extra-file", "a.txt", "--reload-extra-file", "b.txt",
                "-u", "nobody", "-g", "nogroup", "-m", "022", "--initgroups", "--capture-output",
                "--access-logfile", "-", "--access-logformat", "%(h)s %(s)s", "--log-config", "lb.xml",
                "--certfile", "c.pem", "--keyfile", "k.pem", "--ca-certs", "ca.pem", "--cert-reqs", "2",
                "--ciphers", "TLS_AES_128_GCM_SHA256", "--ssl-version", "TLSv1_3");
        assertTrue(c.bool("reload"));
        assertEquals(List.of("a.txt", "b.txt"), c.list("reload_extra_files"));
        assertEquals("nobody", c.string("user"));
        assertEquals(0022, Validators.parseUmask(c.string("umask")));
        assertEquals(2, c.integer("cert_reqs"));
        assertEquals("%(h)s %(s)s", c.string("access_log_format"));
        Files.writeString(cwd.resolve("jgunicorn.conf.toml"), "umask = \"0o27\"\ncert_reqs = 0\n");
        assertEquals(0027, Validators.parseUmask(load(Map.of()).string("umask")));
        assertEquals(0x12, Validators.parseUmask("0x12"));
        assertEquals(18, Validators.parseUmask("18"));
        assertEquals("%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"",
                load(Map.of()).string("access_log_format"), "Gunicorn's default format");
    }

    @Test
    void opsValidationNamesTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--cert-reqs", "3"));
        assertEquals("cert_reqs", e.setting());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "-m", "0999"));
        assertEquals("umask", e.setting());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "--ssl-version", "SSLv3"));
        assertEquals("ssl_version", e.setting());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "--keyfile", "k.pem"));
        assertEquals("keyfile", e.setting());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "--certfile", "c.pem", "--cert-reqs", "2"));
        assertTrue(e.getMessage().contains("ca_certs"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "--reload-engine", "watchman"));
        assertEquals("reload_engine", e.setting());
    }
}
