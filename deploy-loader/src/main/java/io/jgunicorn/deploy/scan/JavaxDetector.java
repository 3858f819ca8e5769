package io.jgunicorn.deploy.scan;

import java.util.Collection;
import java.util.Optional;

/**
 * Recognises a WAR built for {@code javax.servlet} (Java EE 8 and earlier), which cannot run on a
 * Jakarta Servlet container without bytecode migration. Deploying it would fail much later with a
 * {@code NoClassDefFoundError}; saying so up front saves the user an afternoon.
 */
public final class JavaxDetector {

    private JavaxDetector() {}

    /**
     * Evidence that the app targets javax.servlet and nothing targets jakarta.servlet, or empty.
     *
     * @param declaredClasses servlet, filter and listener classes named by web.xml
     * @param javaxInitializers jars / directories declaring a javax ServletContainerInitializer
     * @param jakartaInitializers the same for jakarta
     */
    public static Optional<String> javaxEvidence(ClassIndex index, Collection<String> declaredClasses,
                                                 Collection<String> javaxInitializers, Collection<String> jakartaInitializers) {
        String javax = null;
        boolean jakarta = !jakartaInitializers.isEmpty();
        for (ClassInfo c : index.all()) {
            if (c.origin() != null) {
                continue;
            }
            String javaxSuper = index.supertypeInPackage(c.name(), "javax.servlet.");
            jakarta |= c.usesJakartaServlet() || index.supertypeInPackage(c.name(), "jakarta.servlet.") != null;
            if (javax == null && (c.usesJavaxServlet() || javaxSuper != null)) {
                javax = "class " + c.name() + " uses " + (javaxSuper != null ? javaxSuper : "javax.servlet");
            }
        }
        for (String name : declaredClasses) {
            String javaxSuper = name == null ? null : index.supertypeInPackage(name, "javax.servlet.");
            if (javax == null && javaxSuper != null) {
                javax = "web.xml declares " + name + ", a " + javaxSuper;
            }
            jakarta |= name != null && index.supertypeInPackage(name, "jakarta.servlet.") != null;
        }
        if (javax == null && !javaxInitializers.isEmpty()) {
            javax = javaxInitializers.iterator().next() + " declares a javax.servlet.ServletContainerInitializer";
        }
        return javax != null && !jakarta ? Optional.of(javax) : Optional.empty();
    }
}
