package io.jgunicorn.deploy.descriptor;

import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Servlet 2.2 descriptors may write a url-pattern without its leading slash ({@code Hello} for
 * {@code /Hello}); 2.3 and later may not. As Tomcat does for a 2.2 web.xml ({@code
 * StandardContext.adjustURLPattern}), such a pattern in a servlet mapping, a filter mapping or a
 * security constraint gets the slash, with a warning; an extension pattern ({@code *.jsp}) is left
 * as it is.
 */
final class LeadingSlash {

    private LeadingSlash() {}

    static void add(WebXml w) {
        List<ServletMappingDef> servlets = new ArrayList<>();
        for (ServletMappingDef m : w.servletMappings) {
            servlets.add(new ServletMappingDef(m.servletName(), adjusted(m.urlPatterns(), w)));
        }
        w.servletMappings.clear();
        w.servletMappings.addAll(servlets);
        List<FilterMappingDef> filters = new ArrayList<>();
        for (FilterMappingDef m : w.filterMappings) {
            filters.add(new FilterMappingDef(m.filterName(), adjusted(m.urlPatterns(), w), m.servletNames(), m.dispatchers()));
        }
        w.filterMappings.clear();
        w.filterMappings.addAll(filters);
        List<SecurityDef.Constraint> constraints = new ArrayList<>();
        for (SecurityDef.Constraint c : w.constraints) {
            constraints.add(new SecurityDef.Constraint(adjusted(c.urlPatterns(), w), c.httpMethods(),
                    c.httpMethodOmissions(), c.rolesAllowed(), c.transportGuarantee()));
        }
        w.constraints.clear();
        w.constraints.addAll(constraints);
    }

    private static List<String> adjusted(List<String> patterns, WebXml w) {
        List<String> out = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            if (p.isEmpty() || p.startsWith("/") || p.startsWith("*.")) {
                out.add(p);
                continue;
            }
            System.getLogger(LeadingSlash.class.getName()).log(System.Logger.Level.WARNING,
                    w.source + ": url-pattern '" + p + "' has no leading slash (allowed in a Servlet 2.2 descriptor): read as '/" + p + "'");
            out.add("/" + p);
        }
        return out;
    }
}
