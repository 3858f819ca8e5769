package io.jgunicorn.deploy.api;

import java.util.Map;

/**
 * Builds an application from configuration: the Java counterpart of a Paste Deploy
 * {@code paste.app_factory}. Named by {@code use = class:com.example.MyFactory} in an INI
 * descriptor or given as {@code jgunicorn com.example.MyFactory}; it needs a public no-argument
 * constructor.
 */
public interface AppFactory {

    /**
     * Declares the application's servlets, filters, listeners and initializers on {@code app}.
     *
     * @param globalConf the descriptor's {@code [DEFAULT]} values (with {@code here}, {@code __file__}
     *                   and the section's {@code set} overrides); empty outside INI files
     * @param localConf  the section's own keys, interpolated
     */
    void configure(AppBuilder app, Map<String, String> globalConf, Map<String, String> localConf) throws Exception;
}
