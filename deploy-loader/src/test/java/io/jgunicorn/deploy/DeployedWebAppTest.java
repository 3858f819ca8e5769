package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.war.UnpackLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployedWebAppTest {

    @TempDir
    Path tmp;

    final FakeBridge bridge = new FakeBridge();

    DeployedWebApp deploy(String contextPath) throws Exception {
        Path war = TestFiles.helloWar(WarAppLoaderTest.WEB_XML).writeZip(tmp.resolve("hello.war"));
        var prepared = WebAppDeployer.forContainer(tmp.resolve("work"), UnpackLimits.DEFAULT).prepare(war, contextPath);
        return WebAppDeployer.start(prepared, war.toString(), bridge);
    }

    @Test
    void closeStopsUndeploysAndReleasesEverything() throws Exception {
        DeployedWebApp app = deploy("/shop");
        var descriptor = bridge.deployed.getFirst();
        ClassLoader loader = descriptor.classLoader();
        assertEquals("com.example.Hello", loader.loadClass("com.example.Hello").getName());
        assertTrue(Files.isDirectory(descriptor.tempDir()));
        app.handle(TestFiles.exchange("/shop/hello", null, null));
        app.close();
        app.close();
        assertEquals(List.of("deploy /shop", "start /shop", "handle /shop /shop/hello", "stop /shop", "undeploy /shop"), bridge.log,
                "stop and undeploy once, in that order");
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.example.Other"), "class loader closed");
        assertFalse(Files.exists(descriptor.tempDir()));
        assertEquals(List.of(), WarAppLoaderTest.leftovers(tmp.resolve("work")), "unpacked copy deleted");
    }

    @Test
    void aFailedStartIsUndeployedAndReleased() throws Exception {
        bridge.failing = "/shop";
        var e = assertThrows(AppLoadException.class, () -> deploy("/shop"));
        assertTrue(e.getMessage().endsWith("hello.war: listener blew up"), e.getMessage());
        assertEquals(List.of("deploy /shop", "stop /shop", "undeploy /shop"), bridge.log);
        assertEquals(List.of(), WarAppLoaderTest.leftovers(tmp.resolve("work")));
    }

    @Test
    void anErrorWhileCleaningUpAfterAFailedStartNeitherReplacesTheCauseNorSkipsTheRest() throws Exception {
        bridge.failing = "/shop";
        bridge.failingStop = new AssertionError("contextDestroyed blew up too");
        var e = assertThrows(AppLoadException.class, () -> deploy("/shop"));
        assertTrue(e.getMessage().endsWith("hello.war: listener blew up"), e.getMessage());
        assertEquals("contextDestroyed blew up too", e.getCause().getSuppressed()[0].getMessage());
        assertEquals(List.of("deploy /shop", "stop /shop", "undeploy /shop"), bridge.log);
        assertEquals(List.of(), WarAppLoaderTest.leftovers(tmp.resolve("work")));
    }
}
