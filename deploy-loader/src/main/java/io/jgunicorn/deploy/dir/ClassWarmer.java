package io.jgunicorn.deploy.dir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads every class of the jars (or class directories) that hold the given classes, without
 * initializing any: a spare worker's way of paying the class-loading cost before its applications
 * are known ({@link DeployDirAppLoader#warmUp}). Best effort: a class that cannot load is skipped.
 */
final class ClassWarmer {

    private ClassWarmer() {}

    static void load(Class<?>... anchors) {
        for (Class<?> anchor : anchors) {
            ClassLoader loader = anchor.getClassLoader();
            for (String name : classNames(anchor)) {
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError optionalOrBroken) {
                    // a class needing an optional dependency: whoever uses it will see the error, not us
                }
            }
        }
    }

    private static List<String> classNames(Class<?> anchor) {
        List<String> out = new ArrayList<>();
        try {
            var source = anchor.getProtectionDomain().getCodeSource();
            if (source == null) {
                return out;
            }
            Path where = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where)) {
                    files.map(p -> where.relativize(p).toString().replace('\\', '/')).forEach(n -> add(out, n));
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    jar.stream().forEach(e -> add(out, e.getName()));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no list, no warm-up
        }
        return out;
    }

    private static void add(List<String> out, String entry) {
        if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
                && !entry.endsWith("package-info.class")) {
            out.add(entry.substring(0, entry.length() - 6).replace('/', '.'));
        }
    }
}
