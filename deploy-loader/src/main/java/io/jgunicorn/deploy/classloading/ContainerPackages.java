package io.jgunicorn.deploy.classloading;

import java.util.List;

/**
 * The packages an application gets from the container, always ahead of its own copies: the
 * servlet API (from jgunicorn's class path) and the JSP runtime (from {@link JspRuntime}'s loader).
 * JSTL ({@code jakarta.servlet.jsp.jstl}) is not among them: applications ship it in
 * {@code WEB-INF/lib}, as on Tomcat.
 */
final class ContainerPackages {

    private static final List<String> SERVLET = List.of("jakarta.servlet.", "io.jgunicorn.deploy.api.");
    private static final List<String> JSP = List.of("jakarta.servlet.jsp.", "jakarta.el.", "org.apache.el.", "org.apache.jasper.",
            "org.apache.tomcat.InstanceManager", "io.jgunicorn.jsp.");
    private static final String JSTL = "jakarta.servlet.jsp.jstl.";

    private ContainerPackages() {}

    /** True for a class (dotted name) of the JSP runtime: JSP and EL APIs and implementations, Jasper and what its generated code names. */
    static boolean jsp(String name) {
        return JSP.stream().anyMatch(name::startsWith) && !name.startsWith(JSTL);
    }

    /** True for a class of the servlet API or of jgunicorn's application-facing API. */
    static boolean servlet(String name) {
        return SERVLET.stream().anyMatch(name::startsWith) && !name.startsWith("jakarta.servlet.jsp.");
    }
}
