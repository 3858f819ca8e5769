package io.jgunicorn.bridge.deployment;

import java.util.Map;

/**
 * A servlet declaration.
 *
 * @param name          servlet-name
 * @param className     servlet-class (null when {@code jspFile} is given)
 * @param jspFile       jsp-file, usually null
 * @param initParams    init-param values in declaration order
 * @param loadOnStartup load-on-startup, or null when absent (lazy)
 * @param asyncSupported async-supported
 * @param multipart     multipart-config, or null
 * @param runAsRole     run-as role, or null
 * @param enabled       enabled (Servlet 3.0)
 * @param roleRefs      security-role-ref: the role name the servlet's code asks {@code isUserInRole}
 *                      about → the role-link it stands for (a ref without a link is left out: its
 *                      name is then checked as it is)
 */
public record ServletDef(
        String name,
        String className,
        String jspFile,
        Map<String, String> initParams,
        Integer loadOnStartup,
        boolean asyncSupported,
        MultipartConfigDef multipart,
        String runAsRole,
        boolean enabled,
        Map<String, String> roleRefs) {

    /** The name of the servlet that serves JSPs, as in Tomcat's and Jetty's global web.xml; jsp-file servlets run its class. */
    public static final String JSP_SERVLET = "jsp";

    public ServletDef {
        initParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(initParams));
        roleRefs = roleRefs == null ? Map.of() : Map.copyOf(roleRefs);
    }

    /** A declaration without security-role-refs. */
    public ServletDef(String name, String className, String jspFile, Map<String, String> initParams, Integer loadOnStartup,
                      boolean asyncSupported, MultipartConfigDef multipart, String runAsRole, boolean enabled) {
        this(name, className, jspFile, initParams, loadOnStartup, asyncSupported, multipart, runAsRole, enabled, Map.of());
    }

    public static ServletDef of(String name, String className) {
        return new ServletDef(name, className, null, Map.of(), null, false, null, null, true);
    }
}
