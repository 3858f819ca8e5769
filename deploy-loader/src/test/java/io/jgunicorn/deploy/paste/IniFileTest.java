package io.jgunicorn.deploy.paste;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IniFileTest {

    @TempDir
    Path tmp;

    IniFile read(String text) throws Exception {
        return IniFile.read(Files.writeString(tmp.resolve("t.ini"), text));
    }

    @Test
    void readsSectionsKeysCommentsAndContinuations() throws Exception {
        IniFile ini = read("""
                # comment
                ; another
                [DEFAULT]
                a = 1
                [app:main]
                use: egg:Paste#urlmap
                CamelKey = kept
                long = first
                   second

                /api/v1 = api
                """);
        assertEquals(List.of("DEFAULT", "app:main"), ini.sectionNames());
        assertEquals(Map.of("a", "1"), ini.section("DEFAULT"));
        Map<String, String> main = ini.section("app:main");
        assertEquals("egg:Paste#urlmap", main.get("use"));
        assertEquals("kept", main.get("CamelKey"));
        assertEquals("first\nsecond", main.get("long"));
        assertEquals("api", main.get("/api/v1"));
    }

    @Test
    void duplicateSectionsAreAnErrorNamingTheSection() {
        var e = assertThrows(PasteException.class, () -> read("[app:a]\nuse = x:y\n[app:a]\n"));
        assertTrue(e.getMessage().contains("[app:a]") && e.getMessage().contains("appears twice (line 3)"), e.getMessage());
    }

    @Test
    void keysOutsideSectionsAndGarbageLinesAreErrors() {
        assertTrue(assertThrows(PasteException.class, () -> read("a = 1\n")).getMessage().contains("line 1: key outside any section"));
        assertTrue(assertThrows(PasteException.class, () -> read("[x]\njustaword\n")).getMessage().contains("[x]: line 2: expected key = value"));
        assertTrue(assertThrows(PasteException.class, () -> read("[broken\n")).getMessage().contains("bad section header"));
    }

    @Test
    void unreadableFileIsNamed() {
        var e = assertThrows(PasteException.class, () -> IniFile.read(tmp.resolve("missing.ini")));
        assertTrue(e.getMessage().startsWith(tmp.resolve("missing.ini") + ": cannot read"), e.getMessage());
    }
}
