package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.ServletHolder;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Registration view of a {@link ServletHolder}: what {@link RegistrationImpl} shares, plus mappings and servlet settings. */
final class ServletRegistrationImpl extends RegistrationImpl<ServletHolder> implements ServletRegistration.Dynamic {

    ServletRegistrationImpl(Deployment deployment, ServletHolder holder) {
        super(deployment, holder);
    }

    @Override
    public Set<String> addMapping(String... urlPatterns) {
        if (urlPatterns == null || urlPatterns.length == 0) {
            throw new IllegalArgumentException("no URL patterns");
        }
        checkInitializing();
        Set<String> conflicts = new LinkedHashSet<>();
        for (String pattern : urlPatterns) {
            for (ServletHolder other : deployment.servlets()) {
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
    @Override public void setLoadOnStartup(int loadOnStartup) { checkInitializing(); holder.loadOnStartup(loadOnStartup); }
    @Override public void setMultipartConfig(MultipartConfigElement config) { checkInitializing(); holder.multipart(config); }
    @Override public void setRunAsRole(String roleName) { checkInitializing(); holder.runAsRole(roleName); }

    @Override
    public Set<String> setServletSecurity(ServletSecurityElement constraint) {
        if (constraint == null) {
            throw new IllegalArgumentException("null constraint");
        }
        checkInitializing();
        holder.security(constraint);
        Set<String> declared = deployment.security().declaredPatterns();
        Set<String> untouched = new LinkedHashSet<>();
        holder.mappings().stream().filter(declared::contains).forEach(untouched::add);
        return untouched;
    }
}
