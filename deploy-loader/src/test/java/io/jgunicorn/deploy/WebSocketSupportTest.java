package io.jgunicorn.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.deploy.classloading.WebSocketRuntime;
import io.jgunicorn.deploy.scan.ClassIndex;
import java.lang.classfile.Annotation;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSocketSupportTest {

    @TempDir
    Path tmp;

    @AutoClose
    final PreparedWars wars = new PreparedWars();

    private ClassIndex index(String... classes) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("classes"));
        for (int i = 0; i < classes.length; i += 3) {
            String name = classes[i];
            List<Annotation> annotations = classes[i + 2] == null ? List.of()
                    : List.of(Annotation.of(ClassDesc.of(classes[i + 2])));
            Path file = dir.resolve(name.replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, TestFiles.classFile(name, classes[i + 1], List.of(), annotations));
        }
        return ClassIndex.scan(dir, List.of());
    }

    @Test
    void aWarWithoutEndpointsStartsAsBefore() throws Exception {
        var d = wars.describe(tmp, TestFiles.archive().text("index.html", "hi").classFile("WEB-INF/classes/",
                "com.example.Plain", TestFiles.classFile("com.example.Plain", null)));
        assertFalse(d.initializers().stream().anyMatch(i -> i.className().equals(WebSocketRuntime.INITIALIZER)));
    }

    @Test
    void endpointsBringTheWebSocketInitializerFirstWithTheHandledClasses() throws Exception {
        ClassIndex index = index(
                "com.example.Chat", null, "jakarta.websocket.server.ServerEndpoint",
                "com.example.Reverse", "jakarta.websocket.Endpoint", null,
                "com.example.Plain", null, null);
        WebAppDescriptor before = wars.describe(tmp.resolve("w"), TestFiles.archive().text("index.html", "hi"));
        WebAppDescriptor after = WebSocketSupport.apply(before, index, "app.war", () -> true);
        InitializerDef first = after.initializers().getFirst();
        assertEquals(WebSocketRuntime.INITIALIZER, first.className());
        assertEquals(Set.of("com.example.Chat", "com.example.Reverse"), Set.copyOf(first.handlesTypes()));
        assertEquals(before.initializers().size() + 1, after.initializers().size());
    }

    @Test
    void withoutTheRuntimeTheWarDeploysUnchanged() throws Exception {
        ClassIndex index = index("com.example.Chat", null, "jakarta.websocket.server.ServerEndpoint");
        WebAppDescriptor before = wars.describe(tmp.resolve("w"), TestFiles.archive().text("index.html", "hi"));
        assertSame(before, WebSocketSupport.apply(before, index, "app.war", () -> false));
    }
}
