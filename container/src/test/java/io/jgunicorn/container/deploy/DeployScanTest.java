package io.jgunicorn.container.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployScanTest {

    @TempDir
    Path dir;

    @Test
    void fileNamesBecomeContextPaths() {
        assertEquals("/app", DeployScan.contextPath("app.war"));
        assertEquals("", DeployScan.contextPath("ROOT.war"));
        assertEquals("/a/b", DeployScan.contextPath("a#b.war"));
        assertEquals("/shop", DeployScan.contextPath("shop"));
        assertEquals("", DeployScan.contextPath("ROOT"));
        assertEquals("/site", DeployScan.contextPath("site.ini"));
        assertEquals("/App", DeployScan.contextPath("App.WAR"));
    }

    @Test
    void onlyWarsIniFilesAndDirectoriesCountNotHiddenFilesOrMarkers() throws Exception {
        for (String f : List.of("app.war", "site.ini", ".app.war.part", "app.war.deployed", "x.war.failed",
                "notes.txt", "app.war.tmp", "tab\there.war")) {
            Files.writeString(dir.resolve(f), "x");
        }
        Files.createDirectories(dir.resolve("shop/WEB-INF"));
        Files.createDirectories(dir.resolve(".hidden"));
        assertEquals(List.of("app.war", "shop", "site.ini"), List.copyOf(DeployScan.scan(dir).keySet()));
    }

    @Test
    void aDirectoryFingerprintChangesWhenAFileInsideItChanges() throws Exception {
        Path shop = Files.createDirectories(dir.resolve("shop/WEB-INF"));
        Files.writeString(shop.resolve("web.xml"), "<web-app/>");
        DeployScan.Fingerprint before = DeployScan.fingerprint(dir.resolve("shop"));
        assertEquals(before, DeployScan.fingerprint(dir.resolve("shop")));
        Files.writeString(shop.resolve("more.txt"), "more");
        assertNotEquals(before, DeployScan.fingerprint(dir.resolve("shop")));
    }

    @Test
    void markersOfVanishedFilesAreRemovedAndTheOthersKept() throws Exception {
        for (String f : List.of("app.war", "app.war.deployed", "gone.war.deployed", "gone.war.failed", "shop.failed")) {
            Files.writeString(dir.resolve(f), "x");
        }
        Files.createDirectories(dir.resolve("shop"));
        new DeployMarkers(dir).removeOrphans(DeployScan.scan(dir).keySet());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("app.war", "app.war.deployed", "shop", "shop.failed"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
