package io.jgunicorn.deploy.paste;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.ClassAppDeployer;
import io.jgunicorn.deploy.ClassAppLoader;
import io.jgunicorn.deploy.TestFiles;
import io.jgunicorn.deploy.WebAppDeployer;
import io.jgunicorn.deploy.classloading.WebAppClassLoader;
import io.jgunicorn.deploy.fixtures.AnnotatedFilter;
import io.jgunicorn.deploy.fixtures.AuditFilterFactory;
import io.jgunicorn.deploy.fixtures.DefaultNamedServlet;
import io.jgunicorn.deploy.fixtures.FixtureInitializer;
import io.jgunicorn.deploy.fixtures.HelloFactory;
import io.jgunicorn.deploy.war.UnpackLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasteResolverTest {

    @TempDir
    Path tmp;

    Path classes;
    WebAppClassLoader loader;
    Plan plan;

    @BeforeEach
    void setUp() throws Exception {
        TestFiles.helloWar("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\"/>").writeZip(tmp.resolve("apps/hello.war"));
        classes = TestFiles.archive().classes("", HelloFactory.class, DefaultNamedServlet.class, AnnotatedFilter.class,
                AuditFilterFactory.class, FixtureInitializer.class, FixtureInitializer.Plugin.class,
                FixtureInitializer.SubPlugin.class, FixtureInitializer.Marker.class, FixtureInitializer.Marked.class).writeDir(tmp.resolve("classes"));
        loader = ClassAppLoader.classLoader("test", List.of(classes));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (plan != null) {
            Plan.release(plan);
        }
        loader.close();
    }

    Plan resolve(String ini, String name, String contextPath, Map<String, String> globals) throws Exception {
        Path file = Files.writeString(tmp.resolve("site.ini"), ini);
        var resolver = new PasteResolver(new WebAppDeployer(tmp.resolve("work"), UnpackLimits.DEFAULT, loader),
                new ClassAppDeployer(tmp.resolve("work")), loader, List.of(classes), globals);
        plan = resolver.resolve(file, name, contextPath);
        return plan;
    }

    Plan resolve(String ini) throws Exception {
        return resolve(ini, "main", "", Map.of());
    }

    static WebAppDescriptor leaf(Plan p) {
        return assertInstanceOf(Plan.Leaf.class, p).prepared().descriptor();
    }

    PasteException error(String ini) {
        Path file = tmp.resolve("site.ini");
        var e = assertThrows(PasteException.class, () -> resolve(ini));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath().toString()), e.getMessage());
        return e;
    }

    @Test
    void warAppIsRelativeToTheIniFileAndMountedAtTheContextPath() throws Exception {
        var d = leaf(resolve("[app:main]\nuse = war:apps/hello.war\n", "main", "/shop", Map.of()));
        assertEquals("/shop", d.contextPath());
        assertTrue(d.resources().list("/").contains("/index.html"));
    }

    @Test
    void urlmapMountsAppsAtTheirPrefixes() throws Exception {
        var router = assertInstanceOf(Plan.Router.class, resolve("""
                [composite:main]
                use = egg:Paste#urlmap
                / = home
                /api/ = api
                /api/v2 = v2

                [app:home]
                use = war:apps/hello.war
                [app:api]
                use = class:io.jgunicorn.deploy.fixtures.HelloFactory
                [app:v2]
                use = urlmap
                /admin = home
                """, "main", "/base", Map.of()));
        assertEquals(List.of("/base", "/base/api", "/base/api/v2"), List.copyOf(router.mounts().keySet()));
        assertEquals("/base", leaf(router.mounts().get("/base")).contextPath());
        assertEquals("/base/api", leaf(router.mounts().get("/base/api")).contextParams().get("mountedAt"));
        var nested = assertInstanceOf(Plan.Router.class, router.mounts().get("/base/api/v2"));
        assertEquals("/base/api/v2/admin", leaf(nested.mounts().get("/base/api/v2/admin")).contextPath());
    }

    @Test
    void pipelineFiltersRunOutermostFirstBeforeTheAppsOwn() throws Exception {
        var d = leaf(resolve("""
                [pipeline:main]
                pipeline = audit   gzip
                  hello
                [filter:audit]
                use = class:io.jgunicorn.deploy.fixtures.AnnotatedFilter
                level = low
                [filter:gzip]
                use = class:io.jgunicorn.deploy.fixtures.AuditFilterFactory
                level = max
                ignored = yes
                [app:hello]
                use = class:io.jgunicorn.deploy.fixtures.HelloFactory
                """));
        assertEquals(List.of(
                new FilterDef("paste:site.ini:filter:audit", AnnotatedFilter.class.getName(), Map.of("level", "low"), true),
                new FilterDef("paste:site.ini:filter:gzip", AnnotatedFilter.class.getName(), Map.of("level", "max"), true)),
                d.filters());
        assertEquals(List.of(
                new FilterMappingDef("paste:site.ini:filter:audit", List.of("/*"), List.of(), Set.of("REQUEST")),
                new FilterMappingDef("paste:site.ini:filter:gzip", List.of("/*"), List.of(), Set.of("REQUEST"))), d.filterMappings());
    }

    @Test
    void aPipelineAroundAUrlmapFiltersEveryApp() throws Exception {
        var router = assertInstanceOf(Plan.Router.class, resolve("""
                [pipeline:main]
                pipeline = audit site
                [filter:audit]
                use = class:io.jgunicorn.deploy.fixtures.AnnotatedFilter
                [composite:site]
                use = urlmap
                / = home
                /hello = hello
                [app:home]
                use = war:apps/hello.war
                filter-with = audit2
                [filter:audit2]
                use = class:io.jgunicorn.deploy.fixtures.AnnotatedFilter
                [app:hello]
                use = class:io.jgunicorn.deploy.fixtures.HelloFactory
                """));
        assertEquals(List.of("paste:site.ini:filter:audit", "paste:site.ini:filter:audit2"),
                leaf(router.mounts().get("")).filters().stream().map(FilterDef::name).toList(), "pipeline outside, filter-with inside");
        assertEquals(List.of("paste:site.ini:filter:audit"), leaf(router.mounts().get("/hello")).filters().stream().map(FilterDef::name).toList());
    }

    @Test
    void filterAppWrapsItsNext() throws Exception {
        var d = leaf(resolve("""
                [filter-app:main]
                use = class:io.jgunicorn.deploy.fixtures.AnnotatedFilter
                next = hello
                level = 3
                [app:hello]
                use = class:io.jgunicorn.deploy.fixtures.HelloFactory
                """));
        assertEquals(List.of(new FilterDef("paste:site.ini:filter-app:main", AnnotatedFilter.class.getName(), Map.of("level", "3"), true)), d.filters());
    }

    @Test
    void classAppFactoryReceivesGlobalAndLocalConfiguration() throws Exception {
        var d = leaf(resolve("""
                [DEFAULT]
                greeting = hello from %(here)s
                [app:main]
                use = class:io.jgunicorn.deploy.fixtures.HelloFactory
                set greeting = overridden
                get origin = __file__
                color = blue
                shade = dark %(color)s
                percent = 100%%
                """));
        assertEquals("overridden", d.contextParams().get("greeting"));
        var params = d.servlets().getFirst().initParams();
        assertEquals(tmp.resolve("site.ini").toAbsolutePath().toString(), params.get("origin"));
        assertEquals("dark blue", params.get("shade"));
        assertEquals("100%", params.get("percent"));
        assertEquals(List.of(new ServletMappingDef("hello", List.of("/*"))), d.servletMappings());
        assertEquals(loader, d.classLoader());
    }

    @Test
    void defaultSectionIsInterpolatedWithHere() throws Exception {
        var d = leaf(resolve("""
                [DEFAULT]
                greeting = hi from %(here)s
                [app:main]
                use = class:io.jgunicorn.deploy.fixtures.HelloFactory
                """));
        assertEquals("hi from " + tmp.toAbsolutePath(), d.contextParams().get("greeting"));
    }

    @Test
    void pasteGlobalsOverrideDefaults() throws Exception {
        var d = leaf(resolve("[DEFAULT]\ngreeting = file\n[app:main]\nuse = class:io.jgunicorn.deploy.fixtures.HelloFactory\n",
                "main", "", Map.of("greeting", "command line")));
        assertEquals("command line", d.contextParams().get("greeting"));
    }

    @Test
    void servletAndInitializerClassesAreApps() throws Exception {
        var router = assertInstanceOf(Plan.Router.class, resolve("""
                [composite:main]
                use = urlmap
                /s = servlet
                /i = init
                [app:servlet]
                use = class:io.jgunicorn.deploy.fixtures.DefaultNamedServlet
                size = 3
                [app:init]
                use = class:io.jgunicorn.deploy.fixtures.FixtureInitializer
                mode = fast
                """));
        var servlet = leaf(router.mounts().get("/s"));
        assertEquals(DefaultNamedServlet.class.getName(), servlet.servlets().getFirst().className());
        assertEquals(Map.of("size", "3"), servlet.servlets().getFirst().initParams());
        assertEquals(List.of(new ServletMappingDef("DefaultNamedServlet", List.of("/"))), servlet.servletMappings());
        var init = leaf(router.mounts().get("/i"));
        InitializerDef sci = init.initializers().getFirst();
        assertEquals(FixtureInitializer.class.getName(), sci.className());
        assertEquals(Set.of(FixtureInitializer.SubPlugin.class.getName(), FixtureInitializer.Marked.class.getName()), Set.copyOf(sci.handlesTypes()));
        assertEquals(Map.of("mode", "fast"), init.contextParams());
    }

    @Test
    void configSchemeIsRelativeToTheReferringFile() throws Exception {
        Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(tmp.resolve("conf/other.ini"), """
                [app:inner]
                use = war:../apps/hello.war
                [filter:f]
                use = class:io.jgunicorn.deploy.fixtures.AnnotatedFilter
                """);
        var d = leaf(resolve("""
                [pipeline:main]
                pipeline = outer app
                [filter:outer]
                use = config:conf/other.ini#f
                [app:app]
                use = config:conf/other.ini#inner
                """));
        assertEquals(List.of("paste:other.ini:filter:f"), d.filters().stream().map(FilterDef::name).toList());
        assertTrue(d.resources().list("/").contains("/index.html"));
    }

    @Test
    void keysBesideAConfigReferenceOverrideTheReferencedApp() throws Exception {
        Files.writeString(tmp.resolve("other.ini"), "[app:main]\nuse = class:io.jgunicorn.deploy.fixtures.HelloFactory\ncolor = red\nsize = 1\n");
        var d = leaf(resolve("[app:main]\nuse = config:other.ini\ncolor = blue\n"));
        assertEquals(Map.of("color", "blue", "size", "1"), d.servlets().getFirst().initParams());
    }

    @Test
    void qualifiedNamesPickOneOfSeveralSections() throws Exception {
        var d = leaf(resolve("[app:main]\nuse = war:apps/hello.war\n[pipeline:main]\npipeline = app:main\n", "pipeline:main", "", Map.of()));
        assertEquals("", d.contextPath());
    }

    @Test
    void ambiguousNameIsAnError() {
        var e = error("[app:main]\nuse = war:apps/hello.war\n[pipeline:main]\npipeline = x\n");
        assertTrue(e.getMessage().contains("'main' is ambiguous"), e.getMessage());
    }

    @Test
    void missingSectionIsNamedWithTheReferringSectionAndKey() {
        var e = error("[pipeline:main]\npipeline = nothere\n");
        assertTrue(e.getMessage().contains("[pipeline:main] pipeline: no section named 'nothere'"), e.getMessage());
    }

    @Test
    void unknownSchemeIsNamed() {
        var e = error("[app:main]\nuse = egg:MyApp\n");
        assertTrue(e.getMessage().contains("[app:main] use: unknown scheme 'egg:'"), e.getMessage());
    }

    @Test
    void missingKeysAreNamed() {
        assertTrue(error("[app:main]\nfoo = bar\n").getMessage().contains("[app:main] use: missing required key 'use'"));
        assertTrue(error("[pipeline:main]\n").getMessage().contains("[pipeline:main] pipeline: missing required key 'pipeline'"));
        assertTrue(error("[filter-app:main]\nuse = class:io.jgunicorn.deploy.fixtures.AnnotatedFilter\n")
                .getMessage().contains("[filter-app:main] next: missing"));
    }

    @Test
    void cyclesAreNamed() {
        var e = error("""
                [pipeline:main]
                pipeline = f other
                [filter:f]
                use = class:io.jgunicorn.deploy.fixtures.AnnotatedFilter
                [composite:other]
                use = urlmap
                / = main
                """);
        assertTrue(e.getMessage().contains("reference cycle") && e.getMessage().contains("pipeline:main -> "), e.getMessage());
    }

    @Test
    void filterClassMustBeAFilterOrFactory() {
        var e = error("""
                [pipeline:main]
                pipeline = f app
                [filter:f]
                use = class:io.jgunicorn.deploy.fixtures.HelloFactory
                [app:app]
                use = war:apps/hello.war
                """);
        assertTrue(e.getMessage().contains("[filter:f] use: io.jgunicorn.deploy.fixtures.HelloFactory is neither a jakarta.servlet.Filter"), e.getMessage());
    }

    @Test
    void missingFilterClassIsNamed() {
        var e = error("[filter-app:main]\nuse = class:com.example.Nope\nnext = a\n[app:a]\nuse = war:apps/hello.war\n");
        assertTrue(e.getMessage().contains("[filter-app:main] use: filter class com.example.Nope not found"), e.getMessage());
    }

    @Test
    void badInterpolationIsNamed() {
        var e = error("[app:main]\nuse = war:%(nowhere)s/hello.war\n");
        assertTrue(e.getMessage().contains("[app:main] use: %(nowhere)s refers to nothing"), e.getMessage());
    }

    @Test
    void getOfAMissingGlobalIsNamed() {
        var e = error("[app:main]\nuse = war:apps/hello.war\nget x = nope\n");
        assertTrue(e.getMessage().contains("[app:main] get x: no global 'nope'"), e.getMessage());
    }

    @Test
    void urlmapRejectsNonPathKeysAndDuplicates() {
        assertTrue(error("[composite:main]\nuse = urlmap\nfoo = a\n").getMessage().contains("[composite:main] foo: urlmap keys are paths"));
        var e = error("[composite:main]\nuse = urlmap\n/a = x\n/a/ = x\n[app:x]\nuse = war:apps/hello.war\n");
        assertTrue(e.getMessage().contains("[composite:main] /a/: path '/a' is mapped twice"), e.getMessage());
    }

    @Test
    void aFailureReleasesWhatWasAlreadyPrepared() throws Exception {
        var e = assertThrows(PasteException.class, () -> resolve("""
                [composite:main]
                use = urlmap
                /a = good
                /b = bad
                [app:good]
                use = war:apps/hello.war
                [app:bad]
                use = nope:x
                """));
        assertTrue(e.getMessage().contains("[app:bad] use"), e.getMessage());
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(tmp.resolve("work"))) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        assertEquals(List.of(), files, "the unpacked good.war was removed");
    }

    @Test
    void brokenWarInsideAnIniNamesTheWar() throws Exception {
        Files.writeString(tmp.resolve("apps/broken.war"), "not a zip");
        var e = assertThrows(AppLoadException.class, () -> resolve("[app:main]\nuse = war:apps/broken.war\n"));
        assertTrue(e.getMessage().contains("broken.war"), e.getMessage());
    }

    @Test
    void startedPlanRoutesRequestsToTheMountedApps() throws Exception {
        var bridge = new io.jgunicorn.deploy.FakeBridge();
        resolve("""
                [pipeline:main]
                pipeline = audit site
                [filter:audit]
                use = class:io.jgunicorn.deploy.fixtures.AnnotatedFilter
                [composite:site]
                use = urlmap
                / = home
                /api = api
                [app:home]
                use = war:apps/hello.war
                [app:api]
                use = class:io.jgunicorn.deploy.fixtures.HelloFactory
                """);
        var app = Plan.start(plan, bridge);
        app.handle(TestFiles.exchange("/api/users", null, null));
        app.handle(TestFiles.exchange("/apiary", null, null));
        app.close();
        assertEquals(List.of("deploy ", "start ", "deploy /api", "start /api", "handle /api /api/users", "handle  /apiary"),
                bridge.log.subList(0, 6));
        assertEquals(Set.of("stop ", "undeploy ", "stop /api", "undeploy /api"), Set.copyOf(bridge.log.subList(6, bridge.log.size())));
        assertTrue(bridge.deployed.stream().allMatch(d -> d.filters().getFirst().name().equals("paste:site.ini:filter:audit")));
    }

    @Test
    void aLeafThatFailsToStartStopsTheOthers() throws Exception {
        var bridge = new io.jgunicorn.deploy.FakeBridge();
        bridge.failing = "/b";
        resolve("""
                [composite:main]
                use = urlmap
                /a = a
                /b = b
                [app:a]
                use = war:apps/hello.war
                [app:b]
                use = war:apps/hello.war
                """);
        var e = assertThrows(AppLoadException.class, () -> Plan.start(plan, bridge));
        assertTrue(e.getMessage().contains("[app:b]") && e.getMessage().contains("listener blew up"), e.getMessage());
        assertEquals(List.of("deploy /a", "start /a", "deploy /b", "stop /b", "undeploy /b", "stop /a", "undeploy /a"), bridge.log);
        plan = null;
        try (var s = Files.walk(tmp.resolve("work"))) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void serverSectionIsReadAsSettings() throws Exception {
        Path file = Files.writeString(tmp.resolve("srv.ini"), """
                [DEFAULT]
                port = 8080
                [server:main]
                use = egg:gunicorn#main
                bind = 127.0.0.1:%(port)s
                workers = 4
                """);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("bind", "127.0.0.1:8080");
        expected.put("workers", "4");
        expected.put("use", "egg:gunicorn#main");
        assertEquals(expected, PasteDeploy.serverSettings(file, "main", Map.of()));
        assertEquals(Map.of(), PasteDeploy.serverSettings(file, "other", Map.of()));
    }
}
