package io.jgunicorn.container.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One look at a deploy directory: what it holds that can be deployed, each with a fingerprint
 * (size and mtime; for an exploded directory, over its whole tree). Two equal fingerprints in scans
 * a scan interval apart make a file stable: a WAR still being copied keeps changing.
 *
 * <p>Deployable: {@code NAME.war} files, {@code NAME.ini} files and directories. Ignored: names
 * starting with '.' (editors' and copy tools' temp files), the status markers, names with control
 * characters, anything else.
 */
final class DeployScan {

    static final String DEPLOYED = ".deployed";
    static final String FAILED = ".failed";

    /** Size and mtime (for a directory: bytes, newest mtime and entry count of its tree). */
    record Fingerprint(long size, long mtimeMillis, long entries) {}

    private DeployScan() {}

    /** Deployable names of {@code dir} with their fingerprints, in name order; a name that vanishes mid-scan is left out. */
    static Map<String, Fingerprint> scan(Path dir) throws IOException {
        Map<String, Fingerprint> out = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (!deployable(p, name)) {
                    continue;
                }
                try {
                    out.put(name, fingerprint(p));
                } catch (IOException | UncheckedIOException e) {
                    // removed or renamed while we looked: the next scan sees the new state
                }
            }
        }
        return out;
    }

    private static boolean deployable(Path p, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        // a control character (tab, newline) could not travel in the workers' deploy_apps list
        if (name.startsWith(".") || lower.endsWith(DEPLOYED) || lower.endsWith(FAILED)
                || name.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        return Files.isRegularFile(p) && (lower.endsWith(".war") || lower.endsWith(".ini"));
    }

    static Fingerprint fingerprint(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (!a.isDirectory()) {
            return new Fingerprint(a.size(), a.lastModifiedTime().toMillis(), 1);
        }
        long size = 0;
        long newest = a.lastModifiedTime().toMillis();
        long count = 0;
        try (Stream<Path> tree = Files.walk(p)) {
            for (Path f : tree.toList()) {
                BasicFileAttributes fa = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                size += fa.isRegularFile() ? fa.size() : 0;
                newest = Math.max(newest, fa.lastModifiedTime().toMillis());
                count++;
            }
        }
        return new Fingerprint(size, newest, count);
    }

    /** {@code app.war} → /app, {@code ROOT.war} → "" (the root), {@code a#b.war} → /a/b; the same for directories and .ini. */
    static String contextPath(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String base = lower.endsWith(".war") || lower.endsWith(".ini") ? name.substring(0, name.length() - 4) : name;
        return base.equals("ROOT") ? "" : "/" + base.replace('#', '/');
    }

    static boolean isIni(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".ini");
    }

    /** "/" for the root, else the path: how context paths are shown to people. */
    static String show(String contextPath) {
        return contextPath.isEmpty() ? "/" : contextPath;
    }
}
