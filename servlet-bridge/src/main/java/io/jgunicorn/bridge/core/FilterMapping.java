package io.jgunicorn.bridge.core;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;

/**
 * A filter applied to URL patterns or servlet names for some dispatcher types. URL patterns are
 * compiled once into jetty's {@link ServletPathSpec}, which implements the servlet matching rules.
 */
public record FilterMapping(FilterHolder filter, List<ServletPathSpec> urlPatterns, List<String> servletNames, EnumSet<DispatcherType> dispatchers) {

    public static FilterMapping of(FilterHolder filter, List<String> urlPatterns, List<String> servletNames, EnumSet<DispatcherType> dispatchers) {
        List<ServletPathSpec> specs = urlPatterns.stream().map(FilterMapping::spec).toList();
        EnumSet<DispatcherType> types = dispatchers == null || dispatchers.isEmpty() ? EnumSet.of(DispatcherType.REQUEST) : EnumSet.copyOf(dispatchers);
        return new FilterMapping(filter, specs, List.copyOf(servletNames), types);
    }

    /** Filters may be mapped to "/" too; it then matches everything, like "/*" (Tomcat does the same). */
    private static ServletPathSpec spec(String pattern) {
        return new ServletPathSpec("/".equals(pattern) ? "/*" : pattern);
    }

    public boolean matchesPath(DispatcherType type, String pathInContext) {
        if (!dispatchers.contains(type) || pathInContext == null) {
            return false;
        }
        for (ServletPathSpec spec : urlPatterns) {
            if (spec.matches(pathInContext)) {
                return true;
            }
        }
        return false;
    }

    public boolean matchesServlet(DispatcherType type, String servletName) {
        return dispatchers.contains(type) && (servletNames.contains(servletName) || servletNames.contains("*"));
    }

    public List<String> urlPatternDeclarations() {
        return urlPatterns.stream().map(ServletPathSpec::getDeclaration).toList();
    }
}
