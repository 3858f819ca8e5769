package io.jgunicorn.jsp;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.jasper.servlet.JasperInitializer;
import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.JarScanner;
import org.apache.tomcat.SimpleInstanceManager;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Prepares one web application for Jasper, then runs Jasper's own initializer (TLD scanning, the
 * TLD cache, the JSP factory). The deploy loader adds this initializer, by name, to applications
 * that have JSPs; it is loaded with Jasper in the JSP runtime's class loader.
 *
 * <p>What Tomcat's context would otherwise provide: an {@link InstanceManager} (tag handlers and
 * listeners are made with their no-argument constructor, then injected by the bridge's injector when it offers one) and
 * a {@link JarScanner} that looks for TLDs in {@code WEB-INF/lib} and {@code WEB-INF/classes} only,
 * never on the server's class path, which an application must not see.
 */
public final class JspInitializer implements ServletContainerInitializer {

    /**
     * Tomcat's descriptor parser warns, once per process, that three schema files (used only to
     * validate XML, which is off) are missing: they come with Tomcat's copy of the servlet API, not
     * with the one jgunicorn serves. Held here so the level sticks (JUL keeps loggers weakly).
     */
    private static final Logger DIGESTER_FACTORY = quiet("org.apache.tomcat.util.descriptor.DigesterFactory");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (context.getAttribute(InstanceManager.class.getName()) == null) {
            @SuppressWarnings("unchecked")
            var injector = (java.util.function.BiConsumer<String, Object>) context.getAttribute(InjectingInstanceManager.ATTRIBUTE);
            context.setAttribute(InstanceManager.class.getName(),
                    injector == null ? new SimpleInstanceManager() : new InjectingInstanceManager(injector));
        }
        if (context.getAttribute(JarScanner.class.getName()) == null) {
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false);
            scanner.setScanManifest(false);
            context.setAttribute(JarScanner.class.getName(), scanner);
        }
        new JasperInitializer().onStartup(classes, context);
    }
}
