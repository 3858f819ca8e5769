package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Changes to a finished descriptor (records are immutable: each returns a copy). */
public final class Descriptors {

    private Descriptors() {}

    /**
     * The descriptor with {@code outer} filters run before all of the application's own, on every
     * request ({@code /*}, REQUEST dispatch), first in the list outermost: how a pipeline or
     * {@code filter-with} wraps an app.
     */
    public static WebAppDescriptor withOuterFilters(WebAppDescriptor d, List<FilterDef> outer) {
        if (outer.isEmpty()) {
            return d;
        }
        List<FilterDef> filters = new ArrayList<>(outer);
        filters.addAll(d.filters());
        List<FilterMappingDef> mappings = new ArrayList<>();
        outer.forEach(f -> mappings.add(new FilterMappingDef(f.name(), List.of("/*"), List.of(), Set.of("REQUEST"))));
        mappings.addAll(d.filterMappings());
        return new WebAppDescriptor(d.contextPath(), d.displayName(), d.majorVersion(), d.minorVersion(), d.classLoader(),
                d.resources(), d.tempDir(), d.contextParams(), d.servlets(), d.servletMappings(), filters, mappings,
                d.listeners(), d.initializers(), d.errorPages(), d.welcomeFiles(), d.mimeTypes(), d.sessionConfig(),
                d.security(), d.localeEncodings(), d.requestCharacterEncoding(), d.responseCharacterEncoding(),
                d.denyUncoveredHttpMethods(), d.jspConfig(), d.environment());
    }

    /** The descriptor with other initializers, servlets and servlet mappings (how JSP support is added). */
    public static WebAppDescriptor with(WebAppDescriptor d, List<InitializerDef> initializers, List<ServletDef> servlets,
            List<ServletMappingDef> servletMappings) {
        return new WebAppDescriptor(d.contextPath(), d.displayName(), d.majorVersion(), d.minorVersion(), d.classLoader(),
                d.resources(), d.tempDir(), d.contextParams(), servlets, servletMappings, d.filters(), d.filterMappings(),
                d.listeners(), initializers, d.errorPages(), d.welcomeFiles(), d.mimeTypes(), d.sessionConfig(),
                d.security(), d.localeEncodings(), d.requestCharacterEncoding(), d.responseCharacterEncoding(),
                d.denyUncoveredHttpMethods(), d.jspConfig(), d.environment());
    }
}
