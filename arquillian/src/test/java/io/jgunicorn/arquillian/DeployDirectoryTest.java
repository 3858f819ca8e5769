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

    /**
     * The marker says the new workers are ready; the old ones were only told to stop. Deploy returns
     * once those are gone, so no request of the test can reach a worker without the archive.
     */
    @Test
    void deployWaitsForTheWorkersFromBeforeTheArchiveToExit() throws Exception {
        Process oldWorker = new ProcessBuilder("sleep", "120").start();
        try {
            Thread scanner = Thread.ofVirtual().start(() -> answer("late.war", null));
            WebArchive war = ShrinkWrap.create(WebArchive.class, "late.war").add(new StringAsset("hi"), "index.html");
            java.util.concurrent.CompletableFuture<Boolean> oldAliveAtReturn = new java.util.concurrent.CompletableFuture<>();
            Thread deployer = Thread.ofVirtual().start(() -> {
                try {
                    assertNull(new DeployDirectory(dir).deploy(war, Duration.ofSeconds(30), () -> true,
                            () -> java.util.List.of(oldWorker.toHandle())));
                    oldAliveAtReturn.complete(oldWorker.isAlive());
                } catch (Throwable t) {
                    oldAliveAtReturn.completeExceptionally(t);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.exists(dir.resolve("late.war.deployed")) && System.nanoTime() < deadline) {
                Polling.pause();
            }
            assertTrue(Files.exists(dir.resolve("late.war.deployed")));
            oldWorker.destroy(); // the old generation leaves
            assertFalse(oldAliveAtReturn.get(30, java.util.concurrent.TimeUnit.SECONDS), "deploy returned while an old worker ran");
            deployer.join();
            Files.delete(dir.resolve("late.war"));
            scanner.join();
        } finally {
            oldWorker.destroyForcibly();
        }
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
