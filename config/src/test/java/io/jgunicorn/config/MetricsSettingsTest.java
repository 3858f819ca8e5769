package io.jgunicorn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics settings: Gunicorn's statsd flags and the arbiter's metrics bind. */
class MetricsSettingsTest {

    @TempDir
    Path cwd;

    private Config load(String... args) {
        return ConfigLoader.load(args, Map.of(), cwd).config();
    }

    @Test
    void metricsAreOffByDefault() {
        Config c = load();
        assertNull(c.string("statsd_host"));
        assertNull(c.string("metrics_bind"));
        assertEquals("", c.string("statsd_prefix"));
        assertEquals("", c.string("dogstatsd_tags"));
    }

    @Test
    void statsdHostTakesHostPortHostAloneOrUnixPath() {
        assertEquals("localhost:8125", load("--statsd-host", "localhost:8125").string("statsd_host"));
        assertEquals("statsd", load("--statsd-host", "statsd").string("statsd_host"));
        assertEquals("unix:/run/statsd.sock", load("--statsd-host", "unix:/run/statsd.sock").string("statsd_host"));
        assertEquals("[::1]:9125", load("--statsd-host", "[::1]:9125").string("statsd_host"));
    }

    @Test
    void badMetricsValuesNameTheSettingAndTheProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("--statsd-host", "localhost:99999"));
        assertTrue(e.getMessage().contains("statsd_host"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("--statsd-host", "unix:"));
        assertTrue(e.getMessage().contains("no socket path"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("--dogstatsd-tags", "env:prod|x"));
        assertTrue(e.getMessage().contains("dogstatsd_tags"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("--metrics-bind", "unix:/tmp/m.sock"));
        assertTrue(e.getMessage().contains("metrics_bind") && e.getMessage().contains("HOST:PORT"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("--metrics-bind", "0.0.0.0"));
        assertTrue(e.getMessage().contains("metrics_bind"), e.getMessage());
    }

    @Test
    void metricsSettingsComeFromTheConfigFileToo() throws Exception {
        java.nio.file.Files.writeString(cwd.resolve("jgunicorn.conf.toml"),
                "statsd_host = \"127.0.0.1:9125\"\nstatsd_prefix = \"shop\"\nmetrics_bind = \"127.0.0.1:9100\"\n");
        Config c = load();
        assertEquals("127.0.0.1:9125", c.string("statsd_host"));
        assertEquals("shop", c.string("statsd_prefix"));
        assertEquals("127.0.0.1:9100", c.string("metrics_bind"));
    }
}
