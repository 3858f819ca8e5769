package io.jgunicorn.deploy.dir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.deploy.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployDirAppLoaderTest {

    @TempDir
    Path tmp;

    private AppSpec spec(String apps) {
        return new AppSpec(tmp.toString(), "deploy-dir", "", tmp.resolve("work"), List.of(),
                Map.of(DeployDirAppLoader.APPS_SETTING, apps));
    }

    @Test
    void loadsEveryListedAppBehindOneRouter() throws Exception {
        Path war = TestFiles.helloWar().writeZip(tmp.resolve("1-a.war"));
        Path dir = TestFiles.helloWar().writeDir(tmp.resolve("2-b"));
        Path ini = tmp.resolve("site.ini");
        Files.writeString(ini, "[composite:main]\nuse = urlmap\n/x/y = x\n[app:x]\nuse = war:1-a.war\n");
        try (HttpApplication app = new DeployDirAppLoader().load(spec("/a\t" + war + "\n\t" + dir + "\n/site\t" + ini + "\n"))) {
            assertEquals(List.of("/x/y", "/a", ""), app.contextPaths());
        }
    }

    @Test
    void anEmptyListServesNothing() throws Exception {
        assertTrue(new DeployDirAppLoader().supports(spec("")));
        assertFalse(new DeployDirAppLoader().supports(new AppSpec("x.war", "app", "", tmp, List.of(), Map.of())));
        try (HttpApplication app = new DeployDirAppLoader().load(spec(""))) {
            assertEquals(List.of(), app.contextPaths());
        }
    }

    @Test
    void aContextPathListedTwiceIsAnErrorNamingTheFile() throws Exception {
        Path one = TestFiles.helloWar().writeZip(tmp.resolve("one.war"));
        Path two = TestFiles.helloWar().writeZip(tmp.resolve("two.war"));
        AppLoadException e = assertThrows(AppLoadException.class,
                () -> new DeployDirAppLoader().load(spec("/a\t" + one + "\n/a\t" + two + "\n")));
        assertTrue(e.getMessage().contains("two.war") && e.getMessage().contains("'/a'"), e.getMessage());
    }

    @Test
    void aMalformedLineIsAnError() {
        AppLoadException e = assertThrows(AppLoadException.class, () -> new DeployDirAppLoader().load(spec("/a only\n")));
        assertTrue(e.getMessage().contains("deploy_apps"), e.getMessage());
    }
}
