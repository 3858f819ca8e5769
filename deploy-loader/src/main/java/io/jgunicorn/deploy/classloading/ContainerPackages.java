package io.jgunicorn.deploy.classloading;

import java.util.List;

/**
 * The packages an application gets from the container, always ahead of its own copies: the
 * servlet API (from jgunicorn's class path), the JSP runtime (from {@link JspRuntime}'s loader) and
 * the WebSocket runtime (from {@link WebSocketRuntime}'s).
 * JSTL ({@code jakarta.servlet.jsp.jstl}) is not among them: applications ship it in
 * {@code WEB-INF/lib}, as on Tomcat.
 */
final class ContainerPackages {

    private static final List<String> SERVLET = List.of("jakarta.servlet.", "io.jgunicorn.deploy.api.");
    private static final List<String> JSP = List.of("jakarta.servlet.jsp.", "jakarta.el.", "org.apache.el.", "org.apache.jasper.",
            "org.apache.tomcat.InstanceManager", "io.jgunicorn.jsp.");
    private static final String JSTL = "jakarta.servlet.jsp.jstl.";
    /**
     * What of Tomcat an application written for it declares or calls: its filters ({@code CorsFilter},
     * {@code RemoteIpFilter}, ... in web.xml) and its logging API, JULI. They live in tomcat-embed-core,
     * in the JSP runtime's jars, and come from that loader; the rest of Tomcat stays hidden. And the
     * Jakarta Annotations API ({@code @Resource}, {@code @PostConstruct}...), which Tomcat provides too,
     * and the {@code TomcatPrincipal} interface pages test for (the examples' security page).
     */
    private static final List<String> TOMCAT = List.of("org.apache.catalina.filters.", "org.apache.juli.logging.",
            "org.apache.catalina.TomcatPrincipal", "jakarta.annotation.");
    /** The WebSocket API and its implementation, visible to applications as on Tomcat (its common loader). */
    private static final List<String> WEBSOCKET = List.of("jakarta.websocket.", "org.glassfish.tyrus.", "io.jgunicorn.websocket.");

    private ContainerPackages() {}

    /**
     * True for a class (dotted name) of the JSP runtime's loader: JSP and EL APIs and implementations,
     * Jasper and what its generated code names, and Tomcat's filters and JULI.
     */
    static boolean jsp(String name) {
        return JSP.stream().anyMatch(name::startsWith) && !name.startsWith(JSTL) || TOMCAT.stream().anyMatch(name::startsWith);
    }

    /** True for a class (dotted name) of the WebSocket runtime: the API, Tyrus and its jgunicorn wiring. */
    static boolean websocket(String name) {
        return WEBSOCKET.stream().anyMatch(name::startsWith);
    }

    /** True for a class of the servlet API or of jgunicorn's application-facing API. */
    static boolean servlet(String name) {
        return SERVLET.stream().anyMatch(name::startsWith) && !name.startsWith("jakarta.servlet.jsp.");
    }
}
