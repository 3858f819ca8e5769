package io.jgunicorn.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.config.CommandLineParser;
import io.jgunicorn.config.Setting;
import io.jgunicorn.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void theTableTheJarCarriesIsTheSettingsTable() {
        Map<String, ServerSettings.Def> table = ServerSettings.table();
        assertEquals(Settings.all().size(), table.size());
        for (Setting s : Settings.all()) {
            ServerSettings.Def d = table.get(s.name());
            assertEquals(s.type().name(), d.type(), s.name());
            assertEquals(s.flags(), d.flags(), s.name());
        }
    }

    @Test
    void commandLineBeatsThePomWhichBeatsPomProperties() {
        Properties pomProps = new Properties();
        pomProps.setProperty("jgunicorn.workers", "3");
        pomProps.setProperty("jgunicorn.timeout", "7");
        pomProps.setProperty("unrelated.property", "x");
        pomProps.setProperty("jgunicorn.url", "http://set-by-start/"); // the plugin's own, not a setting
        Properties cli = new Properties();
        cli.setProperty("jgunicorn.bind", "127.0.0.1:9000");
        cli.setProperty("jgunicorn.workers", "2");
        cli.setProperty("jgunicorn.javaHome", "/opt/jdk-25");
        ServerSettings s = new ServerSettings()
                .putProperties(pomProps, "the POM's property")
                .put("worker-class", "gthread", "<settings><worker-class>")
                .put("workers", "5", "<settings><workers>")
                .putProperties(cli, "-D")
                .putDefault("reload", "true")
                .putDefault("timeout", "99");
        assertEquals("2", s.get("workers"));
        assertEquals("7", s.get("timeout"));
        assertEquals("gthread", s.get("worker_class"));
        assertEquals("127.0.0.1:9000", s.get("bind"));
        assertFalse(s.has("url"));
        assertFalse(s.has("javaHome"));
    }

    @Test
    void anUnknownNameIsAClearErrorWithWhereItCameFrom() {
        Properties cli = new Properties();
        cli.setProperty("jgunicorn.wrokers", "2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServerSettings().putProperties(cli, "-D"));
        assertTrue(e.getMessage().contains("-D jgunicorn.wrokers"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'workers'?"), e.getMessage());
        assertTrue(e.getMessage().contains("docs/settings.md"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServerSettings().put("workers", "two", "<settings><workers>"));
        assertEquals("<settings><workers>: setting 'workers': 'two' is not an integer", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ServerSettings().put("reload", "maybe", "-D"));
        assertThrows(IllegalArgumentException.class, () -> new ServerSettings().put("deploy_apps", "x", "-D"));
    }

    @Test
    void theArgumentsMeanTheSameToJgunicornsOwnCommandLine() {
        ServerSettings s = new ServerSettings()
                .put("bind", "127.0.0.1:0, unix:/tmp/x.sock", "t")
                .put("workers", "2", "t")
                .put("worker_jvm_opts", "-Xmx64m -XX:+UseSerialGC", "t")
                .put("reload", "true", "t")
                .put("preload_app", "false", "t")
                .put("raw_env", "A=1,2\nB=3", "t")
                .put("access_log_format", "%(h)s \"%(r)s\"", "t")
                .put("proxy_protocol", "v1", "t")
                .put("app", "/srv/app.war", "t");
        List<String> args = s.arguments();
        assertEquals("/srv/app.war", args.get(args.size() - 1));
        Map<String, Object> v = new CommandLineParser().parse(args.toArray(String[]::new), "command line").values();
        assertEquals(List.of("127.0.0.1:0", "unix:/tmp/x.sock"), v.get("bind"));
        assertEquals(2, v.get("workers"));
        assertEquals("-Xmx64m -XX:+UseSerialGC", v.get("worker_jvm_opts"));
        assertEquals(Boolean.TRUE, v.get("reload"));
        assertFalse(v.containsKey("preload_app"));
        assertEquals(List.of("A=1,2", "B=3"), v.get("raw_env"));
        assertEquals("%(h)s \"%(r)s\"", v.get("access_log_format"));
        assertEquals("v1", v.get("proxy_protocol"));
        assertEquals("/srv/app.war", v.get("app"));
    }

    @Test
    void aSettingWithoutAFlagPointsAtTheConfigFile() {
        ServerSettings s = new ServerSettings().put("secure_scheme_headers", "X-PROTO=https", "-D jgunicorn.secure_scheme_headers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::arguments);
        assertTrue(e.getMessage().contains("jgunicorn.conf.toml"), e.getMessage());
    }
}
