package io.jgunicorn.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The settings table as plain text, one {@code name<TAB>TYPE<TAB>flags} line per setting (flags comma-separated,
 * empty for a config-file-only setting): read by tools that
 * cannot load this module's classes, such as the Maven plugin (it runs on the JDK that runs Maven, which may be
 * older than jgunicorn's). {@code SettingsTable OUT}.
 */
public final class SettingsTable {

    private SettingsTable() {}

    public static String render() {
        StringBuilder sb = new StringBuilder("# Generated from io.jgunicorn.config.Settings: name, type, flags\n");
        for (Setting s : Settings.all()) {
            sb.append(s.name()).append('\t').append(s.type()).append('\t')
                    .append(String.join(",", s.flags())).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(), StandardCharsets.UTF_8);
    }
}
