package io.jgunicorn.deploy.scan;

import io.jgunicorn.bridge.deployment.InitializerDef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds {@code ServletContainerInitializer}s the way {@link java.util.ServiceLoader} would (service
 * files in the jars, in fragment order, and in {@code WEB-INF/classes}) and computes each one's
 * {@code @HandlesTypes} set from class files: the classes that extend or implement a listed type,
 * directly or transitively, or carry a listed annotation.
 */
public final class InitializerScanner {

    public static final String JAKARTA_SERVICE = "META-INF/services/jakarta.servlet.ServletContainerInitializer";
    public static final String JAVAX_SERVICE = "META-INF/services/javax.servlet.ServletContainerInitializer";
    static final String HANDLES_TYPES = "jakarta.servlet.annotation.HandlesTypes";

    /** Initializer class names by where they were declared, for the javax check as well as for deployment. */
    public record Found(Map<String, String> jakarta, List<String> javaxSources) {}

    private InitializerScanner() {}

    /**
     * @param classesDir {@code WEB-INF/classes}
     * @param jars       the jars whose initializers count, in fragment order
     */
    public static Found find(Path classesDir, List<Path> jars) throws IOException {
        Map<String, String> jakarta = new LinkedHashMap<>();
        List<String> javax = new ArrayList<>();
        for (Path jar : jars) {
            try (ZipFile zip = io.jgunicorn.deploy.war.Jars.open(jar)) {
                String where = "WEB-INF/lib/" + jar.getFileName();
                readService(zip, JAKARTA_SERVICE).forEach(n -> jakarta.putIfAbsent(n, where));
                if (zip.getEntry(JAVAX_SERVICE) != null) {
                    javax.add(where);
                }
            }
        }
        Path service = classesDir.resolve(JAKARTA_SERVICE);
        if (Files.isRegularFile(service)) {
            try (InputStream in = Files.newInputStream(service)) {
                parse(in).forEach(n -> jakarta.putIfAbsent(n, "WEB-INF/classes"));
            }
        }
        if (Files.isRegularFile(classesDir.resolve(JAVAX_SERVICE))) {
            javax.add("WEB-INF/classes");
        }
        return new Found(jakarta, javax);
    }

    private static List<String> readService(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return List.of();
        }
        try (InputStream in = zip.getInputStream(e)) {
            return parse(in);
        }
    }

    /** The provider-configuration file format: one name per line, '#' starts a comment. */
    static List<String> parse(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Each initializer with its {@code @HandlesTypes} matches (null when it declares none or is not in the app). */
    public static List<InitializerDef> resolve(Found found, ClassIndex index) {
        List<InitializerDef> out = new ArrayList<>();
        for (String name : found.jakarta().keySet()) {
            ClassInfo sci = index.get(name);
            AnnotationData handles = sci == null ? null : sci.annotation(HANDLES_TYPES);
            out.add(new InitializerDef(name, handles == null ? null : matches(index, handles.strings("value"))));
        }
        return out;
    }

    public static List<String> matches(ClassIndex index, List<String> types) {
        List<String> out = new ArrayList<>();
        for (ClassInfo c : index.all()) {
            if (types.contains(c.name())) {
                continue;
            }
            for (String type : types) {
                if (c.annotationTypes().contains(type) || index.isSubtypeOf(c.name(), type)) {
                    out.add(c.name());
                    break;
                }
            }
        }
        return out;
    }
}
