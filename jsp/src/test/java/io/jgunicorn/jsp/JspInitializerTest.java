package io.jgunicorn.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.jasper.compiler.TldCache;
import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.JarScanner;
import org.apache.tomcat.SimpleInstanceManager;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.Test;

class JspInitializerTest {

    /** A context with attributes and nothing else: no resources, no init params, no jsp-config. */
    static ServletContext context(Map<String, Object> attributes) {
        return (ServletContext) Proxy.newProxyInstance(JspInitializerTest.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getClassLoader" -> JspInitializerTest.class.getClassLoader();
                    case "getEffectiveMajorVersion", "getMajorVersion" -> 6;
                    case "getEffectiveMinorVersion", "getMinorVersion" -> 1;
                    case "getResourcePaths" -> Set.of();
                    case "toString" -> "test context";
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }

    @Test
    void givesJasperWhatTomcatsContextWouldThenRunsIt() throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        new JspInitializer().onStartup(null, context(attributes));
        assertInstanceOf(SimpleInstanceManager.class, attributes.get(InstanceManager.class.getName()));
        StandardJarScanner scanner = assertInstanceOf(StandardJarScanner.class, attributes.get(JarScanner.class.getName()));
        assertFalse(scanner.isScanClassPath(), "the server's class path is never scanned for TLDs");
        assertNotNull(attributes.get(TldCache.SERVLET_CONTEXT_ATTRIBUTE_NAME), "Jasper's own initializer ran");
    }

    @Test
    void keepsAnInstanceManagerOrJarScannerAlreadyThere() throws Exception {
        InstanceManager manager = new SimpleInstanceManager();
        JarScanner scanner = new StandardJarScanner();
        Map<String, Object> attributes = new HashMap<>(Map.of(InstanceManager.class.getName(), manager, JarScanner.class.getName(), scanner));
        new JspInitializer().onStartup(null, context(attributes));
        assertSame(manager, attributes.get(InstanceManager.class.getName()));
        assertSame(scanner, attributes.get(JarScanner.class.getName()));
        assertEquals(true, ((StandardJarScanner) scanner).isScanClassPath());
    }
}
