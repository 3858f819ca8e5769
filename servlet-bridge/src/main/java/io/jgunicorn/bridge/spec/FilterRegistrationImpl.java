package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.ServletContextImpl;
import io.jgunicorn.bridge.core.FilterHolder;
import io.jgunicorn.bridge.core.FilterMapping;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Registration view of a {@link FilterHolder}; changes are only legal while the context initializes. */
public final class FilterRegistrationImpl implements FilterRegistration.Dynamic {

    private final ServletContextImpl context;
    private final FilterHolder holder;

    public FilterRegistrationImpl(ServletContextImpl context, FilterHolder holder) {
        this.context = context;
        this.holder = holder;
    }

    private void checkInitializing() {
        if (context.state() != ServletContextImpl.State.INITIALIZING) {
            throw new IllegalStateException("servlet context already initialized");
        }
    }

    @Override
    public void addMappingForServletNames(EnumSet<DispatcherType> types, boolean isMatchAfter, String... servletNames) {
        if (servletNames == null || servletNames.length == 0) {
            throw new IllegalArgumentException("no servlet names");
        }
        checkInitializing();
        context.addFilterMapping(FilterMapping.of(holder, List.of(), List.of(servletNames), types), isMatchAfter);
    }

    @Override
    public void addMappingForUrlPatterns(EnumSet<DispatcherType> types, boolean isMatchAfter, String... urlPatterns) {
        if (urlPatterns == null || urlPatterns.length == 0) {
            throw new IllegalArgumentException("no URL patterns");
        }
        checkInitializing();
        context.addFilterMapping(FilterMapping.of(holder, List.of(urlPatterns), List.of(), types), isMatchAfter);
    }

    @Override
    public Collection<String> getServletNameMappings() {
        Set<String> names = new LinkedHashSet<>();
        context.filterMappings().stream().filter(m -> m.filter() == holder).forEach(m -> names.addAll(m.servletNames()));
        return names;
    }

    @Override
    public Collection<String> getUrlPatternMappings() {
        Set<String> patterns = new LinkedHashSet<>();
        context.filterMappings().stream().filter(m -> m.filter() == holder).forEach(m -> patterns.addAll(m.urlPatternDeclarations()));
        return patterns;
    }

    @Override public String getName() { return holder.name(); }
    @Override public String getClassName() { return holder.className(); }
    @Override public String getInitParameter(String name) { return holder.initParams().get(name); }
    @Override public Map<String, String> getInitParameters() { return Map.copyOf(holder.initParams()); }
    @Override public void setAsyncSupported(boolean supported) { checkInitializing(); holder.asyncSupported(supported); }

    @Override
    public boolean setInitParameter(String name, String value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("init parameter name and value must not be null");
        }
        checkInitializing();
        return holder.initParams().putIfAbsent(name, value) == null;
    }

    @Override
    public Set<String> setInitParameters(Map<String, String> params) {
        checkInitializing();
        Set<String> conflicts = new LinkedHashSet<>();
        params.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("init parameter name and value must not be null");
            }
            if (holder.initParams().containsKey(k)) {
                conflicts.add(k);
            }
        });
        if (conflicts.isEmpty()) {
            holder.initParams().putAll(params);
        }
        return conflicts;
    }
}
