package io.jgunicorn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsDocTest {

    /** docs/settings.md of the checkout (tests run in the config module's directory). */
    private static final Path DOC = Path.of("..", "docs", "settings.md");

    @Test
    void committedDocMatchesTheSettingsTable() throws IOException {
        String expected = SettingsDoc.render();
        if (Boolean.getBoolean("jgunicorn.regenerateDocs")) {
            SettingsDoc.main(new String[] {DOC.toString()});
        }
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "docs/settings.md is stale; regenerate it with:\n    "
                + SettingsDoc.REGENERATE + "\n");
    }

    @Test
    void everySettingIsDocumentedWithItsFlags() {
        String md = SettingsDoc.render();
        for (Setting s : Settings.all()) {
            assertTrue(md.contains("### `" + s.name() + "`"), s.name());
            s.flags().forEach(f -> assertTrue(md.contains("`" + f), f));
        }
    }

    @Test
    void absentGunicornSettingsAreNotAlsoPresent() {
        Set<String> present = Settings.all().stream().map(Setting::name).collect(Collectors.toSet());
        for (SettingsDoc.Absent a : SettingsDoc.ABSENT) {
            assertFalse(present.contains(a.name()), a.name() + " is listed as absent but exists");
            assertFalse(a.why().isBlank(), a.name());
        }
    }
}
