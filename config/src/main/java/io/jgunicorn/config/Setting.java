package io.jgunicorn.config;

import java.util.List;
import java.util.function.Function;

/**
 * One setting, declared once: the command line, the config-file key, {@code JGUNICORN_CMD_ARGS}
 * and docs/settings.md are all derived from this declaration (as in Gunicorn's config.py).
 *
 * @param name        the Gunicorn-style name, also the config-file key ({@code worker_class})
 * @param section     the documentation section ({@code Worker Processes}, {@code Server Socket}, ...)
 * @param flags       command-line flags; empty for config-file-only settings
 * @param type        how the value is parsed and printed
 * @param defaultValue the default as text (null means "unset")
 * @param validator   returns an error message for a bad value, or null; runs after type conversion
 * @param description one paragraph for --help and the docs
 * @param fallbackValue the value a flag takes when given without one (arity 0..1), else null
 */
public record Setting(
        String name,
        String section,
        List<String> flags,
        SettingType type,
        String defaultValue,
        Function<Object, String> validator,
        String description,
        String fallbackValue) {

    public Setting {
        flags = List.copyOf(flags);
    }

    /** Whether the option takes no value on the command line (a switch). */
    public boolean isSwitch() {
        return type == SettingType.BOOL;
    }
}
