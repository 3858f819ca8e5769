package io.jgunicorn.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Java 25 (or newer) that runs jgunicorn, which may not be the one running Maven. Order: the
 * {@code javaHome} parameter, the build's JDK toolchain, Maven's own JDK, {@code $JAVA_HOME}, then the install
 * locations scripts/find-jdk.sh looks at.
 */
final class JavaFinder {

    static final int REQUIRED = 25;
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private JavaFinder() {}

    /**
     * @param configured the {@code javaHome} parameter, or null
     * @param toolchain  the home of the build's JDK toolchain, or null
     * @return the {@code bin/java} to run
     */
    static Path find(Path configured, Path toolchain) {
        if (configured != null) {
            return require(configured, "javaHome");
        }
        if (toolchain != null) {
            return require(toolchain, "the JDK toolchain");
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        String env = System.getenv("JAVA_HOME");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String home = System.getProperty("user.home");
        for (String parent : List.of("/usr/lib/jvm", "/usr/local/lib/jvm", "/opt/java", "/usr/java",
                home + "/.sdkman/candidates/java", home + "/.jdks")) {
            candidates.addAll(children(Path.of(parent)));
        }
        candidates.addAll(children(Path.of("/opt")).stream().filter(p -> p.getFileName().toString().startsWith("jdk")).toList());
        for (Path c : candidates) {
            if (major(c) >= REQUIRED && Files.isExecutable(c.resolve("bin/java"))) {
                return c.resolve("bin/java");
            }
        }
        throw new IllegalStateException("no Java " + REQUIRED + " or newer found to run jgunicorn (looked at Maven's own "
                + "JDK, $JAVA_HOME, /usr/lib/jvm, /usr/local/lib/jvm, /opt/java, /opt/jdk*, /usr/java, ~/.sdkman and "
                + "~/.jdks); install one (e.g. Temurin 25) and set the plugin's javaHome (-Djgunicorn.javaHome=...) "
                + "or a JDK toolchain");
    }

    private static Path require(Path home, String what) {
        int major = major(home);
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException(what + " " + home + " has no bin/java");
        }
        if (major < REQUIRED) {
            throw new IllegalStateException(what + " " + home + " is Java " + (major < 0 ? "of an unknown version (no "
                    + "release file)" : major) + "; jgunicorn needs Java " + REQUIRED + " or newer");
        }
        return home.resolve("bin/java");
    }

    /** The major version in {@code HOME/release}, or -1. */
    static int major(Path home) {
        Path release = home.resolve("release");
        try {
            Matcher m = VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                ds.forEach(out::add);
            } catch (IOException e) {
                // unreadable: nothing there for us
            }
        }
        out.sort(null);
        return out;
    }
}
