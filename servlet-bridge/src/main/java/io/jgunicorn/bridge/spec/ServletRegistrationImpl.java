package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.ServletContextImpl;
import io.jgunicorn.bridge.core.ServletHolder;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Registration view of a {@link ServletHolder}; changes are only legal while the context initializes. */
public final class ServletRegistrationImpl implements ServletRegistration.Dynamic {

    private final ServletContextImpl context;
    private final ServletHolder holder;

    public ServletRegistrationImpl(ServletContextImpl context, ServletHolder holder) {
        this.context = context;
        this.holder = holder;
    }

    private void checkInitializing() {
        if (context.state() != ServletContextImpl.State.INITIALIZING) {
            throw new IllegalStateException("servlet context already initialized");
        }
    }

    @Override
    public Set<String> addMapping(String... urlPatterns) {
        if (urlPatterns == null || urlPatterns.length == 0) {
            throw new IllegalArgumentException("no URL patterns");
        }
        checkInitializing();
        Set<String> conflicts = new LinkedHashSet<>();
        for (String pattern : urlPatterns) {
            for (ServletHolder other : context.servletHolders().values()) {
                if (other != holder && other.mappings().contains(pattern)) {
                    conflicts.add(pattern);
                }
            }
        }
        if (conflicts.isEmpty()) {
            for (String pattern : urlPatterns) {
                if (!holder.mappings().contains(pattern)) {
                    holder.mappings().add(pattern);
                }
            }
        }
        return conflicts;
    }

    @Override public Collection<String> getMappings() { return List.copyOf(holder.mappings()); }
    @Override public String getRunAsRole() { return holder.runAsRole(); }
    @Override public String getName() { return holder.name(); }
    @Override public String getClassName() { return holder.className(); }
    @Override public String getInitParameter(String name) { return holder.initParams().get(name); }
    @Override public Map<String, String> getInitParameters() { return Map.copyOf(holder.initParams()); }

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

    @Override public void setLoadOnStartup(int loadOnStartup) { checkInitializing(); holder.loadOnStartup(loadOnStartup); }
    @Override public void setMultipartConfig(MultipartConfigElement config) { checkInitializing(); holder.multipart(config); }
    @Override public void setRunAsRole(String roleName) { checkInitializing(); holder.runAsRole(roleName); }
    @Override public void setAsyncSupported(boolean supported) { checkInitializing(); holder.asyncSupported(supported); }

    @Override
    public Set<String> setServletSecurity(ServletSecurityElement constraint) {
        if (constraint == null) {
            throw new IllegalArgumentException("null constraint");
        }
        checkInitializing();
        holder.security(constraint);
        Set<String> declared = context.security().declaredPatterns();
        Set<String> untouched = new java.util.LinkedHashSet<>();
        holder.mappings().stream().filter(declared::contains).forEach(untouched::add);
        return untouched;
    }
}
