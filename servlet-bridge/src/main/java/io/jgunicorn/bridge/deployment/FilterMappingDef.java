package io.jgunicorn.bridge.deployment;

import java.util.List;
import java.util.Set;

/**
 * filter-mapping: a filter applied to URL patterns and/or servlet names for some dispatcher types.
 *
 * @param dispatchers names of {@code jakarta.servlet.DispatcherType} values (REQUEST, FORWARD,
 *                    INCLUDE, ASYNC, ERROR); empty means REQUEST only, as the spec says
 */
public record FilterMappingDef(String filterName, List<String> urlPatterns, List<String> servletNames, Set<String> dispatchers) {
    public FilterMappingDef {
        urlPatterns = List.copyOf(urlPatterns);
        servletNames = List.copyOf(servletNames);
        dispatchers = Set.copyOf(dispatchers);
    }
}
