package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.ResourceView;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.deploy.classloading.JspRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * JSP for WARs, as Tomcat's global web.xml gives it: a servlet named {@code jsp} (Jasper's
 * {@code JspServlet}) mapped to {@code *.jsp} and {@code *.jspx}, and Jasper's initializer (TLD
 * scanning, the JSP factory) run first. Only applications that have something for Jasper get them:
 * a JSP, JSP fragment or tag file among their resources, a {@code <jsp-file>} servlet, a
 * {@code <jsp-config>}, or pages precompiled by Jasper (classes extending {@code HttpJspBase}); the
 * others start exactly as before, without loading Jasper.
 */
final class JspSupport {

    /** The superclass of the servlets Jasper generates, precompiled ones included. */
    static final String JSP_PAGE_BASE = "org.apache.jasper.runtime.HttpJspBase";

    private static final List<String> PATTERNS = List.of("*.jsp", "*.jspx");
    private static final List<String> EXTENSIONS = List.of(".jsp", ".jspx", ".jspf", ".tag", ".tagx");
    /** Tomcat's defaults for the global jsp servlet. */
    private static final Map<String, String> INIT_PARAMS = Map.of("fork", "false", "xpoweredBy", "false");

    private JspSupport() {}

    /** @param precompiledPages whether the application's classes include pages precompiled by Jasper */
    static WebAppDescriptor apply(WebAppDescriptor d, String name, boolean precompiledPages) {
        return apply(d, name, precompiledPages, JspRuntime::available);
    }

    static WebAppDescriptor apply(WebAppDescriptor d, String name, boolean precompiledPages, BooleanSupplier runtimeAvailable) {
        if (!precompiledPages && !wantsJsp(d)) {
            return d;
        }
        if (!runtimeAvailable.getAsBoolean()) {
            System.getLogger(JspSupport.class.getName()).log(System.Logger.Level.WARNING,
                    name + " has JSPs, but this jgunicorn has no JSP runtime (lib/jsp); they are not served");
            return d;
        }
        List<InitializerDef> initializers = new ArrayList<>();
        initializers.add(new InitializerDef(JspRuntime.INITIALIZER, null));
        initializers.addAll(d.initializers());
        List<ServletDef> servlets = new ArrayList<>(d.servlets());
        List<ServletMappingDef> mappings = new ArrayList<>(d.servletMappings());
        boolean ownJspServlet = d.servlets().stream().anyMatch(s -> s.name().equals(ServletDef.JSP_SERVLET));
        if (!ownJspServlet) {
            servlets.add(new ServletDef(ServletDef.JSP_SERVLET, JspRuntime.JSP_SERVLET, null, INIT_PARAMS, null, false, null, null, true));
            List<String> free = PATTERNS.stream().filter(p -> !mapped(d, p)).toList();
            if (!free.isEmpty()) {
                mappings.add(new ServletMappingDef(ServletDef.JSP_SERVLET, free));
            }
        }
        return Descriptors.with(d, initializers, servlets, mappings);
    }

    static boolean wantsJsp(WebAppDescriptor d) {
        return d.servlets().stream().anyMatch(s -> s.jspFile() != null) || !d.jspConfig().isEmpty()
                || hasJspFiles(d.resources(), "/");
    }

    private static boolean mapped(WebAppDescriptor d, String pattern) {
        return d.servletMappings().stream().anyMatch(m -> m.urlPatterns().contains(pattern));
    }

    /** Depth first over the resources, skipping classes and jars (which hold no pages). */
    private static boolean hasJspFiles(ResourceView resources, String dir) {
        if (resources == null || dir.equals("/WEB-INF/classes/") || dir.equals("/WEB-INF/lib/")) {
            return false;
        }
        Set<String> entries = resources.list(dir);
        if (entries == null) {
            return false;
        }
        for (String entry : entries) {
            if (entry.endsWith("/") ? hasJspFiles(resources, entry) : isJspFile(entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJspFile(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }
}
