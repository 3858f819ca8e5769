package io.jgunicorn.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The exploded WAR {@code jgunicorn:run} serves, kept in step with the project: the web sources
 * ({@code src/main/webapp}), the compiled classes and resources ({@code target/classes}) as
 * {@code WEB-INF/classes}, and the runtime dependencies as {@code WEB-INF/lib}. A copy rather than links, so that
 * jgunicorn's {@code --reload} (which watches the app's files) sees each change the build makes and rolls the
 * workers, while the sources stay as they are.
 */
final class ExplodedWebapp {

    private final Path target;
    private final Path webSources;
    private final Path classes;
    private final List<Path> libs;

    ExplodedWebapp(Path target, Path webSources, Path classes, List<Path> libs) {
        this.target = target;
        this.webSources = webSources;
        this.classes = classes;
        this.libs = List.copyOf(libs);
    }

    Path directory() {
        return target;
    }

    /** Brings the copy up to date; returns how many files were copied or removed. */
    int sync() throws IOException {
        Map<String, Path> wanted = new LinkedHashMap<>();
        addTree(wanted, webSources, "");
        addTree(wanted, classes, "WEB-INF/classes/");
        for (Path jar : libs) {
            wanted.put("WEB-INF/lib/" + jar.getFileName(), jar);
        }
        int changes = 0;
        Files.createDirectories(target.resolve("WEB-INF"));
        try (Stream<Path> files = Files.walk(target)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                String rel = target.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && !wanted.containsKey(rel)) {
                    Files.delete(p);
                    changes++;
                } else if (Files.isDirectory(p) && !p.equals(target) && !rel.equals("WEB-INF") && isEmpty(p)) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, Path> e : wanted.entrySet()) {
            Path src = e.getValue();
            Path dst = target.resolve(e.getKey());
            if (!Files.isRegularFile(dst) || Files.size(dst) != Files.size(src)
                    || !Files.getLastModifiedTime(dst).equals(Files.getLastModifiedTime(src))) {
                Files.createDirectories(dst.getParent());
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                changes++;
            }
        }
        return changes;
    }

    private static void addTree(Map<String, Path> wanted, Path root, String prefix) throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            wanted.put(prefix + root.relativize(f).toString().replace('\\', '/'), f);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
