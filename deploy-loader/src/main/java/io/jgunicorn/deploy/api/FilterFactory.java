package io.jgunicorn.deploy.api;

import java.util.Map;

/**
 * Chooses a {@code jakarta.servlet.Filter} for a {@code [filter:NAME]} section: the counterpart of
 * a Paste Deploy {@code paste.filter_factory}. A section may also name a {@code Filter} class
 * directly, in which case its init parameters are the section's local configuration.
 */
public interface FilterFactory {

    /** The filter to run in front of the wrapped application(s), and its init parameters. */
    FilterSpec create(Map<String, String> globalConf, Map<String, String> localConf) throws Exception;

    /** A filter class name and the init parameters it receives in {@code Filter.init}. */
    record FilterSpec(String className, Map<String, String> initParams) {
        public FilterSpec {
            initParams = Map.copyOf(initParams);
        }
    }
}
