package io.jgunicorn.bridge.core;

import jakarta.servlet.ServletContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * The view of a {@link ServletContext} that a {@code ServletContextListener} added programmatically
 * (by an initializer, or from a TLD) gets in {@code contextInitialized}: the methods that configure
 * servlets, filters, listeners and sessions throw {@link UnsupportedOperationException}, as the
 * Servlet 6.1 Javadoc of each says (section 4.4); Tomcat and Jetty refuse them the same way.
 * Everything else is the context itself.
 */
public final class NoPluggabilityContext {

    /** The methods whose Javadoc names this case, by name (every overload). */
    static final Set<String> REFUSED = Set.of("setInitParameter", "addServlet", "addJspFile", "createServlet",
            "getServletRegistration", "getServletRegistrations", "addFilter", "createFilter", "getFilterRegistration",
            "getFilterRegistrations", "getSessionCookieConfig", "setSessionTrackingModes", "addListener",
            "createListener", "declareRoles", "setSessionTimeout", "setRequestCharacterEncoding",
            "setResponseCharacterEncoding");

    private NoPluggabilityContext() {}

    public static ServletContext of(ServletContext context) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (REFUSED.contains(method.getName())) {
                        throw new UnsupportedOperationException(method.getName() + " may not be called by a "
                                + "ServletContextListener that was neither declared in web.xml or web-fragment.xml nor "
                                + "annotated with @WebListener (Servlet 6.1 section 4.4)");
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "restricted " + context;
                        };
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
