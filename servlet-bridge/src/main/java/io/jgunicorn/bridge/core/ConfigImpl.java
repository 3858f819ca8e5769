package io.jgunicorn.bridge.core;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/** The configuration handed to a servlet's or filter's {@code init}: a name and init params. */
final class ConfigImpl implements ServletConfig, FilterConfig {

    private final String name;
    private final ServletContext context;
    private final Map<String, String> initParams;

    /** {@code initParams} is the holder's live map, so parameters set before init are seen. */
    ConfigImpl(String name, ServletContext context, Map<String, String> initParams) {
        this.name = name;
        this.context = context;
        this.initParams = initParams;
    }

    @Override
    public String getServletName() {
        return name;
    }

    @Override
    public String getFilterName() {
        return name;
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public String getInitParameter(String key) {
        return initParams.get(key);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(initParams.keySet());
    }
}
