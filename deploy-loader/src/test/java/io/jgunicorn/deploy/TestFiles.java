package io.jgunicorn.deploy;

import io.jgunicorn.container.spi.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.Annotation;
import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.RuntimeVisibleAnnotationsAttribute;
import java.lang.constant.ClassDesc;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;

/** Builds the WARs, jars and class files the tests deploy, in memory or in a temp directory. */
public final class TestFiles {

    private TestFiles() {}

    /** Archive content: entry name to bytes, in insertion order; a name ending in "/" is a directory. */
    public static final class Archive {
        final Map<String, byte[]> entries = new LinkedHashMap<>();

        public Archive text(String name, String content) {
            entries.put(name, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Archive bytes(String name, byte[] content) {
            entries.put(name, content);
            return this;
        }

        public Archive dir(String name) {
            entries.put(name, null);
            return this;
        }

        public Archive classFile(String prefix, String binaryName, byte[] bytes) {
            return bytes(prefix + binaryName.replace('.', '/') + ".class", bytes);
        }

        /** Copies test classes (their compiled .class files) under {@code prefix}, e.g. "WEB-INF/classes/". */
        public Archive classes(String prefix, Class<?>... classes) throws IOException {
            for (Class<?> c : classes) {
                classFile(prefix, c.getName(), classBytes(c));
            }
            return this;
        }

        public byte[] toZip() {
            var out = new ByteArrayOutputStream();
            try (var zip = new ZipOutputStream(out)) {
                for (var e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    if (e.getValue() != null) {
                        zip.write(e.getValue());
                    }
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        public Path writeZip(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            return Files.write(file, toZip());
        }

        /** Writes the entries as an exploded directory. */
        public Path writeDir(Path dir) throws IOException {
            for (var e : entries.entrySet()) {
                Path p = dir.resolve(e.getKey());
                if (e.getValue() == null) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.write(p, e.getValue());
                }
            }
            return dir;
        }
    }

    /** A web.xml naming a listener class that does not exist: no servlet bridge can start it. */
    public static final String UNSTARTABLE = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <listener><listener-class>com.example.DoesNotExist</listener-class></listener>
            </web-app>""";

    /** A web.xml with one servlet, {@code com.example.Hello} at {@code /hello}. */
    public static final String HELLO_WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <display-name>hello</display-name>
              <servlet><servlet-name>hello</servlet-name><servlet-class>com.example.Hello</servlet-class></servlet>
              <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern></servlet-mapping>
            </web-app>""";

    /** {@link #helloWar(String)} with {@link #HELLO_WEB_XML}. */
    public static Archive helloWar() {
        return helloWar(HELLO_WEB_XML);
    }

    /** A small WAR: the given web.xml, a page, a servlet class and a jar with META-INF/resources. */
    public static Archive helloWar(String webXml) {
        byte[] resourcesJar = archive().text("META-INF/resources/lib.js", "lib()").text("META-INF/resources/index.html", "jar").toZip();
        return archive()
                .text("WEB-INF/web.xml", webXml)
                .text("index.html", "<h1>hi</h1>")
                .classFile("WEB-INF/classes/", "com.example.Hello", classFile("com.example.Hello", "jakarta.servlet.http.HttpServlet"))
                .bytes("WEB-INF/lib/res.jar", resourcesJar);
    }

    public static Archive archive() {
        return new Archive();
    }

    /** A class file for {@code name} extending {@code superName}, implementing {@code interfaces}, with annotations. */
    public static byte[] classFile(String name, String superName, List<String> interfaces, List<Annotation> annotations) {
        return ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER);
            cb.withSuperclass(ClassDesc.of(superName == null ? "java.lang.Object" : superName));
            cb.withInterfaceSymbols(interfaces.stream().map(ClassDesc::of).toList());
            if (!annotations.isEmpty()) {
                cb.with(RuntimeVisibleAnnotationsAttribute.of(annotations));
            }
        });
    }

    public static byte[] classFile(String name, String superName) {
        return classFile(name, superName, List.of(), List.of());
    }

    /** The bytes of a class on the test class path, to copy into a WAR. */
    public static byte[] classBytes(Class<?> c) throws IOException {
        try (var in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** A request for {@code target} that records the status and body it gets; anything else it is asked throws. */
    public static HttpExchange exchange(String target, int[] status, ByteArrayOutputStream body) {
        HttpURI uri = HttpURI.from(target);
        HttpFields.Mutable headers = HttpFields.build();
        return (HttpExchange) Proxy.newProxyInstance(
                TestFiles.class.getClassLoader(), new Class<?>[] {HttpExchange.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "uri" -> uri;
                    case "setStatus" -> {
                        status[0] = (int) args[0];
                        yield null;
                    }
                    case "responseHeaders" -> headers;
                    case "responseBody" -> body;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
