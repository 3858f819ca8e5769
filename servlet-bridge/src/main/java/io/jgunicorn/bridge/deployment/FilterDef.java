package io.jgunicorn.bridge.deployment;

import java.util.Map;

/** A filter declaration. */
public record FilterDef(String name, String className, Map<String, String> initParams, boolean asyncSupported) {
    public FilterDef {
        initParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(initParams));
    }

    public static FilterDef of(String name, String className) {
        return new FilterDef(name, className, Map.of(), false);
    }
}
