package io.jgunicorn.config;

/** A setting has a bad value; the message names the setting and the problem. */
public class ConfigException extends RuntimeException {

    private final String setting;

    public ConfigException(String setting, String problem) {
        super(setting == null ? problem : "setting '" + setting + "': " + problem);
        this.setting = setting;
    }

    /** The setting at fault, or null when the problem is not about one setting. */
    public String setting() {
        return setting;
    }
}
