package io.jgunicorn.deploy.paste;

import java.nio.file.Path;

/** A problem in an INI app descriptor, located by file, section and key (either may be null). */
public final class PasteException extends Exception {

    public PasteException(Path file, String section, String key, String problem) {
        super(where(file, section, key) + problem);
    }

    public PasteException(Path file, String section, String key, String problem, Throwable cause) {
        super(where(file, section, key) + problem, cause);
    }

    static String where(Path file, String section, String key) {
        StringBuilder b = new StringBuilder(String.valueOf(file));
        if (section != null) {
            b.append(" [").append(section).append(']');
        }
        if (key != null) {
            b.append(' ').append(key);
        }
        return b.append(": ").toString();
    }
}
