package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.container.spi.HttpApplication;
import io.jgunicorn.deploy.fixtures.ContextLookupListener;
import io.jgunicorn.deploy.dir.DeployDirAppLoader;
import io.jgunicorn.deploy.paste.PasteAppLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applications one loader starts share a registry: with cross_context the later sees the earlier. */
class CrossContextLoadingTest {

    private static final String PROPERTY = "jgunicorn.test.lookup";

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith(PROPERTY)).forEach(System::clearProperty);
    }

    /** A WAR whose listener looks up {@code look} with getContext when it starts. */
    private Path war(String name, String look) throws Exception {
        String webXml = """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                  <context-param><param-name>look</param-name><param-value>%s</param-value></context-param>
                  <listener><listener-class>%s</listener-class></listener>
                </web-app>""".formatted(look, ContextLookupListener.class.getName());
        return TestFiles.archive().text("WEB-INF/web.xml", webXml)
                .classes("WEB-INF/classes/", ContextLookupListener.class).writeZip(tmp.resolve(name));
    }

    private AppSpec spec(String source, String kind, String crossContext, String apps) {
        return new AppSpec(source, kind, "", tmp.resolve("work"), List.of(),
                Map.of("cross_context", crossContext, DeployDirAppLoader.APPS_SETTING, apps));
    }

    private static String found(String contextPath) {
        return System.getProperty(PROPERTY + contextPath);
    }

    @Test
    void appsOfADeployDirectoryReachEachOtherWithCrossContext() throws Exception {
        String apps = "/first\t" + war("first.war", "/first/x") + "\n/second\t" + war("second.war", "/first/x") + "\n";
        try (HttpApplication app = new DeployDirAppLoader().load(spec("", "deploy-dir", "true", apps))) {
            assertEquals("/first", found("/first"), "itself");
            assertEquals("/first", found("/second"), "the other app of the worker");
        }
    }

    @Test
    void withoutCrossContextTheOtherAppIsNull() throws Exception {
        String apps = "/first\t" + war("first.war", "/first/x") + "\n/second\t" + war("second.war", "/first/x") + "\n";
        try (HttpApplication app = new DeployDirAppLoader().load(spec("", "deploy-dir", "false", apps))) {
            assertEquals("/first", found("/first"));
            assertEquals("null", found("/second"));
        }
    }

    @Test
    void appsOfAnIniUrlMapReachEachOther() throws Exception {
        war("first.war", "/first");
        war("second.war", "/first");
        Path ini = Files.writeString(tmp.resolve("site.ini"), """
                [composite:main]
                use = urlmap
                /first = first
                /second = second
                [app:first]
                use = war:first.war
                [app:second]
                use = war:second.war
                """);
        try (HttpApplication app = new PasteAppLoader().load(spec(ini.toString(), "paste", "true", ""))) {
            assertEquals("/first", found("/second"));
        }
    }

    @Test
    void separatelyLoadedAppsDoNotSeeEachOther() throws Exception {
        AppSpec first = new AppSpec(war("first.war", "/first").toString(), "war", "/first", tmp.resolve("w1"), List.of(), Map.of("cross_context", "true"));
        AppSpec second = new AppSpec(war("second.war", "/first").toString(), "war", "/second", tmp.resolve("w2"), List.of(), Map.of("cross_context", "true"));
        try (HttpApplication one = new WarAppLoader().load(first); HttpApplication two = new WarAppLoader().load(second)) {
            assertEquals("/first", found("/first"));
            assertEquals("null", found("/second"), "each worker (here: each load) has a registry of its own");
        }
    }
}
