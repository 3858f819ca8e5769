package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.core.Deployment;
import io.jgunicorn.bridge.core.FilterHolder;
import io.jgunicorn.bridge.core.FilterMapping;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Registration view of a {@link FilterHolder}: what {@link RegistrationImpl} shares, plus the filter's mappings. */
final class FilterRegistrationImpl extends RegistrationImpl<FilterHolder> implements FilterRegistration.Dynamic {

    FilterRegistrationImpl(Deployment deployment, FilterHolder holder) {
        super(deployment, holder);
    }

    @Override
    public void addMappingForServletNames(EnumSet<DispatcherType> types, boolean isMatchAfter, String... servletNames) {
        if (servletNames == null || servletNames.length == 0) {
            throw new IllegalArgumentException("no servlet names");
        }
        checkInitializing();
        deployment.addFilterMapping(FilterMapping.of(holder, List.of(), List.of(servletNames), types), isMatchAfter);
    }

    @Override
    public void addMappingForUrlPatterns(EnumSet<DispatcherType> types, boolean isMatchAfter, String... urlPatterns) {
        if (urlPatterns == null || urlPatterns.length == 0) {
            throw new IllegalArgumentException("no URL patterns");
        }
        checkInitializing();
        deployment.addFilterMapping(FilterMapping.of(holder, List.of(urlPatterns), List.of(), types), isMatchAfter);
    }

    @Override
    public Collection<String> getServletNameMappings() {
        Set<String> names = new LinkedHashSet<>();
        deployment.filterMappings().stream().filter(m -> m.filter() == holder).forEach(m -> names.addAll(m.servletNames()));
        return names;
    }

    @Override
    public Collection<String> getUrlPatternMappings() {
        Set<String> patterns = new LinkedHashSet<>();
        deployment.filterMappings().stream().filter(m -> m.filter() == holder).forEach(m -> patterns.addAll(m.urlPatternDeclarations()));
        return patterns;
    }
}
