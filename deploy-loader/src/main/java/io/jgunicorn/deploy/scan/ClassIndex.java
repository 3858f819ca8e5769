package io.jgunicorn.deploy.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Every class of a web application ({@code WEB-INF/classes}, then {@code WEB-INF/lib/*.jar}) as
 * {@link ClassInfo}, with the type-hierarchy queries {@code @HandlesTypes} needs. A class present in
 * both places is taken from {@code WEB-INF/classes}, which is what the class loader will load.
 */
public final class ClassIndex {

    /** The JVM limits a class file's constant pool and methods; real ones are far below this. */
    static final int MAX_CLASS_BYTES = 16 << 20;

    private final Map<String, ClassInfo> classes = new LinkedHashMap<>();

    public static ClassIndex scan(Path classesDir, List<Path> jars) throws IOException {
        ClassIndex index = new ClassIndex();
        if (classesDir != null && Files.isDirectory(classesDir)) {
            index.scanDirectory(classesDir);
        }
        for (Path jar : jars) {
            index.scanJar(jar);
        }
        return index;
    }

    /** Scans class path entries (directories and jars) in order; the first definition of a class wins. */
    public static ClassIndex scanClassPath(List<Path> entries) throws IOException {
        ClassIndex index = new ClassIndex();
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                index.scanDirectory(entry);
            } else if (Files.isRegularFile(entry)) {
                index.scanJar(entry);
            }
        }
        return index;
    }

    private void scanDirectory(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> isClassFile(p.toString())).sorted()::iterator) {
                add(Files.readAllBytes(f), null, f.toString());
            }
        }
    }

    private void scanJar(Path jar) throws IOException {
        String origin = jar.getFileName().toString();
        try (ZipFile zip = io.jgunicorn.deploy.war.Jars.open(jar)) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                // multi-release variants describe the same class as the base entry
                if (e.isDirectory() || !isClassFile(e.getName()) || e.getName().startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    // a jar is not unpacked, so its sizes were never bounded: cap what one class may inflate to
                    byte[] bytes = in.readNBytes(MAX_CLASS_BYTES + 1);
                    if (bytes.length <= MAX_CLASS_BYTES) {
                        add(bytes, origin, jar + "!/" + e.getName());
                    }
                }
            }
        }
    }

    private static boolean isClassFile(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class") && !name.endsWith("package-info.class");
    }

    private void add(byte[] bytes, String origin, String where) {
        try {
            ClassInfo info = ClassFileReader.read(bytes, origin, origin == null);
            classes.putIfAbsent(info.name(), info);
        } catch (IllegalArgumentException e) {
            // a damaged class file in a library is the library's problem until something loads it
            System.getLogger(ClassIndex.class.getName()).log(System.Logger.Level.DEBUG, "skipping unreadable class file " + where, e);
        }
    }

    public ClassInfo get(String name) {
        return classes.get(name);
    }

    public Collection<ClassInfo> all() {
        return classes.values();
    }

    /**
     * True if {@code name} is {@code type} or extends/implements it, directly or through supertypes
     * in this index. Supertypes outside the index (the platform, the servlet API) are known only by name.
     */
    public boolean isSubtypeOf(String name, String type) {
        return findSupertype(name, type::equals) != null;
    }

    /** The first supertype (including itself) whose name starts with {@code prefix}, or null. */
    public String supertypeInPackage(String name, String prefix) {
        return findSupertype(name, n -> n.startsWith(prefix));
    }

    private String findSupertype(String name, Predicate<String> test) {
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (test.test(n)) {
                return n;
            }
            ClassInfo c = seen.add(n) ? classes.get(n) : null;
            if (c != null) {
                if (c.superName() != null) {
                    todo.push(c.superName());
                }
                c.interfaces().forEach(todo::push);
            }
        }
        return null;
    }
}
