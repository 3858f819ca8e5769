package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.container.spi.AppSpec;
import io.jgunicorn.deploy.classloading.WebAppClassLoader;
import io.jgunicorn.deploy.fixtures.AnnotatedFilter;
import io.jgunicorn.deploy.fixtures.DefaultNamedServlet;
import io.jgunicorn.deploy.fixtures.FailingFactory;
import io.jgunicorn.deploy.fixtures.FixtureInitializer;
import io.jgunicorn.deploy.fixtures.HelloFactory;
import io.jgunicorn.deploy.fixtures.UnstartableFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassAppLoaderTest {

    @TempDir
    Path tmp;

    Path jar;
    WebAppClassLoader loader;
    WebAppDeployer.Prepared prepared;

    @BeforeEach
    void setUp() throws Exception {
        jar = TestFiles.archive().classes("", HelloFactory.class, FailingFactory.class, UnstartableFactory.class, DefaultNamedServlet.class, AnnotatedFilter.class,
                FixtureInitializer.class, FixtureInitializer.Plugin.class, FixtureInitializer.ConcretePlugin.class,
                FixtureInitializer.AbstractPlugin.class, FixtureInitializer.SubPlugin.class).writeZip(tmp.resolve("app.jar"));
        loader = ClassAppLoader.classLoader("test", List.of(jar));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (prepared != null) {
            prepared.close();
        }
        loader.close();
    }

    WebAppDeployer.Prepared prepare(Class<?> type) throws AppLoadException {
        prepared = new ClassAppDeployer(tmp.resolve("work")).prepare(type.getName(), "/x", loader, List.of(jar), Map.of(), Map.of());
        return prepared;
    }

    AppSpec spec(String source, String kind) {
        return new AppSpec(source, kind, "", tmp.resolve("work"), List.of(jar), Map.of());
    }

    @Test
    void supportsClassNamesButNotFiles() throws Exception {
        var l = new ClassAppLoader();
        assertTrue(l.supports(spec("com.example.MyInitializer", "app")));
        assertFalse(l.supports(spec("com.example.MyInitializer", "war")));
        assertFalse(l.supports(spec("app.war", "app")));
        assertFalse(l.supports(spec("site.ini", "app")));
        assertFalse(l.supports(spec("/srv/app", "app")));
        Files.createDirectories(tmp.resolve("my.app"));
        assertFalse(l.supports(spec(tmp.resolve("my.app").toString(), "app")));
    }

    @Test
    void appClassesComeFromTheClassPathNotFromTheContainer() throws Exception {
        Class<?> c = loader.loadClass(HelloFactory.class.getName());
        assertNotSame(HelloFactory.class, c);
        assertEquals(loader, c.getClassLoader());
        assertEquals(io.jgunicorn.deploy.api.AppFactory.class, c.getInterfaces()[0], "the factory API is shared with the container");
    }

    @Test
    void factoryDeclaresTheApp() throws Exception {
        var d = prepare(HelloFactory.class).descriptor();
        assertEquals("/x", d.contextPath());
        assertEquals(List.of(new ServletMappingDef("hello", List.of("/*"))), d.servletMappings());
        assertEquals("/x", d.contextParams().get("mountedAt"));
        assertEquals(loader, d.classLoader());
    }

    @Test
    void servletBecomesTheDefaultServlet() throws Exception {
        var d = prepare(DefaultNamedServlet.class).descriptor();
        assertEquals(List.of(new ServletMappingDef("DefaultNamedServlet", List.of("/"))), d.servletMappings());
    }

    @Test
    void initializerGetsItsHandlesTypesFromTheClassPath() throws Exception {
        var sci = prepare(FixtureInitializer.class).descriptor().initializers().getFirst();
        assertEquals(Set.of(FixtureInitializer.SubPlugin.class.getName(), FixtureInitializer.AbstractPlugin.class.getName(),
                FixtureInitializer.ConcretePlugin.class.getName()), Set.copyOf(sci.handlesTypes()));
    }

    @Test
    void otherClassesAreRefusedByName() {
        var e = assertThrows(AppLoadException.class, () -> prepare(AnnotatedFilter.class));
        assertTrue(e.getMessage().contains(AnnotatedFilter.class.getName() + " is neither"), e.getMessage());
    }

    @Test
    void missingClassNamesTheClassPath() {
        var e = assertThrows(AppLoadException.class, () -> new ClassAppLoader().load(spec("com.example.Missing", "app")));
        assertTrue(e.getMessage().contains("com.example.Missing") && e.getMessage().contains("app.jar"), e.getMessage());
    }

    @Test
    void failingFactoryIsReported() {
        var e = assertThrows(AppLoadException.class, () -> prepare(FailingFactory.class));
        assertTrue(e.getMessage().contains("no database configured"), e.getMessage());
    }

    @Test
    void aStartFailureIsAnAppLoadExceptionNamingTheClass() {
        // a listener that does not exist fails any bridge's start (and this build's stub bridge fails every start)
        var e = assertThrows(AppLoadException.class, () -> new ClassAppLoader().load(spec(UnstartableFactory.class.getName(), "app")));
        assertTrue(e.getMessage().startsWith("cannot start " + UnstartableFactory.class.getName() + ": "), e.getMessage());
    }
}
