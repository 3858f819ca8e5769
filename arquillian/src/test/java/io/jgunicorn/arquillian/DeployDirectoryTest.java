package io.jgunicorn.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipFile;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marker-file protocol, against a stand-in scanner thread that answers like jgunicorn's. */
class DeployDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void deployWaitsForTheDeployedMarkerAndUndeployForItsRemoval() throws Exception {
        Thread scanner = Thread.ofVirtual().start(() -> answer("app.war", null));
        WebArchive war = ShrinkWrap.create(WebArchive.class, "app.war").add(new StringAsset("hi"), "index.html");
        DeployDirectory d = new DeployDirectory(dir);
        assertNull(d.deploy(war, Duration.ofSeconds(30), () -> true));
        try (ZipFile zip = new ZipFile(dir.resolve("app.war").toFile())) {
            assertTrue(zip.getEntry("index.html") != null, "the whole archive was moved in");
        }
        d.undeploy("app.war", Duration.ofSeconds(30));
        scanner.join();
        assertFalse(Files.exists(dir.resolve("app.war")));
        assertFalse(Files.exists(dir.resolve("app.war.deployed")));
    }

    @Test
    void aFailedMarkerGivesItsReason() throws Exception {
        Thread scanner = Thread.ofVirtual().start(() -> answer("bad.war", "ClassNotFoundException: x.Y"));
        String failure = new DeployDirectory(dir).deploy(ShrinkWrap.create(WebArchive.class, "bad.war").add(new StringAsset("x"), "x"),
                Duration.ofSeconds(30), () -> true);
        scanner.join();
        assertEquals("jgunicorn could not deploy bad.war: ClassNotFoundException: x.Y", failure);
    }

    @Test
    void aServerThatIsGoneEndsTheWait() throws Exception {
        String failure = new DeployDirectory(dir).deploy(ShrinkWrap.create(WebArchive.class, "c.war").add(new StringAsset("x"), "x"),
                Duration.ofSeconds(30), () -> false);
        assertEquals("jgunicorn stopped before deploying c.war", failure);
    }

    /** Waits for the archive, writes the verdict; on success waits for its removal and drops the marker. */
    private void answer(String name, String failure) {
        try {
            Path war = dir.resolve(name);
            while (!Files.exists(war)) {
                Polling.pause();
            }
            if (failure != null) {
                Files.writeString(dir.resolve(name + ".failed"), failure + "\n");
                return;
            }
            Files.writeString(dir.resolve(name + ".deployed"), "");
            while (Files.exists(war)) {
                Polling.pause();
            }
            Files.delete(dir.resolve(name + ".deployed"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
