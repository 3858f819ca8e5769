package io.jgunicorn.deploy.paste;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INI dialect of Python's ConfigParser, as Paste Deploy files use it: {@code [section]}
 * headers, {@code key = value} or {@code key: value}, indented continuation lines, whole-line
 * comments with {@code #} or {@code ;}. Keys keep their case (Paste Deploy does the same).
 * Values are raw here; interpolation is {@link PasteConfig}'s job.
 */
final class IniFile {

    private final Path file;
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    private IniFile(Path file) {
        this.file = file;
    }

    static IniFile read(Path file) throws PasteException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PasteException(file, null, null, "cannot read: " + e);
        }
        IniFile ini = new IniFile(file);
        ini.parse(lines);
        return ini;
    }

    private void parse(List<String> lines) throws PasteException {
        Map<String, String> current = null;
        String section = null;
        String lastKey = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
                current.merge(lastKey, trimmed, (a, b) -> a.isEmpty() ? b : a + "\n" + b);
            } else if (trimmed.startsWith("[")) {
                section = header(trimmed, i + 1);
                if (sections.containsKey(section)) {
                    throw new PasteException(file, section, null, "section appears twice (line " + (i + 1) + ")");
                }
                current = new LinkedHashMap<>();
                sections.put(section, current);
                lastKey = null;
            } else {
                lastKey = keyValue(trimmed, section, current, i + 1);
            }
        }
    }

    private String header(String trimmed, int lineNo) throws PasteException {
        if (!trimmed.endsWith("]") || trimmed.length() < 3) {
            throw new PasteException(file, null, null, "line " + lineNo + ": bad section header " + trimmed);
        }
        return trimmed.substring(1, trimmed.length() - 1).strip();
    }

    private String keyValue(String trimmed, String section, Map<String, String> current, int lineNo) throws PasteException {
        if (current == null) {
            throw new PasteException(file, null, null, "line " + lineNo + ": key outside any section: " + trimmed);
        }
        int eq = trimmed.indexOf('=');
        int colon = trimmed.indexOf(':');
        // "/path = app" and "use = egg:Paste#urlmap" contain ':' after '=': the first separator wins
        int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        if (sep <= 0 || isUrlKey(trimmed, sep)) {
            sep = eq;
        }
        if (sep <= 0) {
            throw new PasteException(file, section, null, "line " + lineNo + ": expected key = value: " + trimmed);
        }
        String key = trimmed.substring(0, sep).strip();
        current.put(key, trimmed.substring(sep + 1).strip());
        return key;
    }

    /** In a urlmap a key may itself contain ':' (e.g. "domain:example.com /x"); only '=' separates it then. */
    private static boolean isUrlKey(String line, int sep) {
        return line.charAt(sep) == ':' && line.indexOf('=') > sep && (line.startsWith("/") || line.startsWith("domain"));
    }

    Path file() {
        return file;
    }

    /** Section names in file order ("app:main", "DEFAULT", ...). */
    List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    /** Raw values of a section in file order, or null if absent. */
    Map<String, String> section(String name) {
        Map<String, String> s = sections.get(name);
        return s == null ? null : Collections.unmodifiableMap(s);
    }
}
