package io.jgunicorn.deploy.paste;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.deploy.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasteAppLoaderTest {

    @TempDir
    Path tmp;

    AppSpec spec(String source, String kind, Map<String, String> settings) {
        return new AppSpec(source, kind, "", tmp.resolve("work"), List.of(), settings);
    }

    @Test
    void supportsPasteKindAndIniFilesGivenAsTheApp() {
        var loader = new PasteAppLoader();
        assertTrue(loader.supports(spec("site.ini#admin", "paste", Map.of())));
        assertTrue(loader.supports(spec("site.ini", "app", Map.of())));
        assertTrue(loader.supports(spec("site.INI#x", "app", Map.of())));
        assertFalse(loader.supports(spec("app.war", "app", Map.of())));
        assertFalse(loader.supports(spec("site.ini", "war", Map.of())));
    }

    @Test
    void sourceSplitsTheSectionName() throws Exception {
        assertEquals(new PasteAppLoader.Source(Path.of("a/site.ini"), "admin"), PasteAppLoader.Source.parse("a/site.ini#admin"));
        assertEquals(new PasteAppLoader.Source(Path.of("site.ini"), "main"), PasteAppLoader.Source.parse("site.ini"));
        assertEquals(new PasteAppLoader.Source(Path.of("site.ini"), "main"), PasteAppLoader.Source.parse("site.ini#"));
        Path hashy = Files.writeString(tmp.resolve("a#b.ini"), "");
        assertEquals(new PasteAppLoader.Source(hashy, "main"), PasteAppLoader.Source.parse(hashy.toString()), "an existing file is taken whole");
    }

    @Test
    void globalsAreKeyValueLinesOrCommaSeparated() throws Exception {
        assertEquals(Map.of("a", "1", "b", "x=y"), PasteAppLoader.globals("a=1\nb = x=y\n"));
        assertEquals(Map.of("a", "1", "b", "2"), PasteAppLoader.globals("a=1,b=2"));
        assertEquals(Map.of(), PasteAppLoader.globals(null));
        var e = assertThrows(AppLoadException.class, () -> PasteAppLoader.globals("novalue"));
        assertTrue(e.getMessage().contains("'novalue'"), e.getMessage());
    }

    @Test
    void descriptorErrorsBecomeAppLoadExceptionsNamingFileSectionAndKey() throws Exception {
        Path ini = Files.writeString(tmp.resolve("site.ini"), "[app:main]\nuse = bogus:thing\n");
        var e = assertThrows(AppLoadException.class, () -> new PasteAppLoader().load(spec(ini + "#main", "paste", Map.of())));
        assertEquals(ini.toAbsolutePath() + " [app:main] use: unknown scheme 'bogus:' (expected war:, class:, config: or urlmap)", e.getMessage());
    }

    @Test
    void pasteGlobalSettingReachesInterpolation() throws Exception {
        Path ini = Files.writeString(tmp.resolve("site.ini"), "[app:main]\nuse = war:%(dir)s/none.war\n");
        var e = assertThrows(AppLoadException.class,
                () -> new PasteAppLoader().load(spec(ini.toString(), "paste", Map.of(PasteAppLoader.GLOBALS_SETTING, "dir=elsewhere"))));
        assertTrue(e.getMessage().contains("elsewhere/none.war"), e.getMessage());
    }

    @Test
    void aStartFailureStopsEverythingAndLeavesNoFiles() throws Exception {
        // a missing listener class fails any bridge's start (and this build's stub bridge fails every start)
        TestFiles.helloWar(TestFiles.UNSTARTABLE).writeZip(tmp.resolve("hello.war"));
        Path ini = Files.writeString(tmp.resolve("site.ini"), "[composite:main]\nuse = urlmap\n/a = a\n/b = a\n[app:a]\nuse = war:hello.war\n");
        var e = assertThrows(AppLoadException.class, () -> new PasteAppLoader().load(spec(ini.toString(), "paste", Map.of())));
        assertTrue(e.getMessage().startsWith("cannot start " + ini.toAbsolutePath() + " [app:a]"), e.getMessage());
        try (Stream<Path> s = Files.walk(tmp.resolve("work"))) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).toList());
        }
    }
}
