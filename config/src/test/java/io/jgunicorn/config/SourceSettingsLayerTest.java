package io.jgunicorn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings an app source declares (an INI's [server:main]) sit between the defaults and the config file. */
class SourceSettingsLayerTest {

    @TempDir
    Path cwd;

    private Config load(Map<String, String> declared, String... args) {
        return ConfigLoader.load(args, Map.of(), cwd, declared, "site.ini [server:main]").config();
    }

    @Test
    void declaredSettingsOverrideDefaults() {
        Config c = load(Map.of("workers", "3", "bind", "127.0.0.1:9000"));
        assertEquals(3, c.integer("workers"));
        assertEquals(List.of("127.0.0.1:9000"), c.list("bind"));
    }

    @Test
    void theConfigFileAndTheCommandLineOverrideThem() throws Exception {
        Files.writeString(cwd.resolve("jgunicorn.conf.toml"), "timeout = 7\n");
        Config c = load(Map.of("workers", "3", "timeout", "50"), "-w", "5");
        assertEquals(5, c.integer("workers"));
        assertEquals(7, c.integer("timeout"));
    }

    @Test
    void aBadValueNamesWhereItCameFrom() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("workers", "many")));
        assertTrue(e.getMessage().contains("site.ini [server:main]"), e.getMessage());
        assertTrue(e.getMessage().contains("workers"), e.getMessage());
    }
}
