package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.classloading.WebAppClassLoader;
import io.jgunicorn.deploy.descriptor.DescriptorException;
import io.jgunicorn.deploy.descriptor.DescriptorMerger;
import io.jgunicorn.deploy.descriptor.Fragment;
import io.jgunicorn.deploy.descriptor.FragmentOrdering;
import io.jgunicorn.deploy.descriptor.GlassFishWebXml;
import io.jgunicorn.deploy.descriptor.WebXml;
import io.jgunicorn.deploy.descriptor.WebXmlParser;
import io.jgunicorn.deploy.scan.AnnotationReader;
import io.jgunicorn.deploy.scan.ClassIndex;
import io.jgunicorn.deploy.scan.InitializerScanner;
import io.jgunicorn.deploy.scan.JavaxDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an unpacked web application directory and describes it as a {@link WebAppDescriptor}:
 * web.xml; then, unless it is metadata-complete, the annotations of WEB-INF/classes and each
 * included web fragment in its resolved order followed by its jar's annotations; and the ServletContainerInitializers
 * with their {@code @HandlesTypes} matches; and the principal-to-role mapping of a WAR written for
 * GlassFish/Payara ({@code WEB-INF/glassfish-web.xml} or {@code sun-web.xml}). Only files and class files are read: nothing of the
 * application is loaded or run here.
 */
public final class WebAppAssembler {

    private WebAppAssembler() {}

    /**
     * @param appRoot the unpacked WAR (or exploded directory)
     * @param name    how errors name the application (the WAR file the user gave)
     */
    public static WebAppDescriptor assemble(Path appRoot, String name, DescriptorMerger.Target target) throws AppLoadException {
        try {
            WebXml main = readWebXml(appRoot, name);
            boolean complete = main != null && main.metadataComplete;
            List<Path> jars = WebAppClassLoader.libJars(appRoot);
            List<Fragment> ordered = FragmentOrdering.order(main, Fragment.scan(jars, name));
            Path classes = appRoot.resolve("WEB-INF/classes");
            ClassIndex index = ClassIndex.scan(classes, jars);
            var initializers = InitializerScanner.find(classes, jarsOf(ordered, jars));
            refuseJavax(main, index, initializers, name);
            List<WebXml> later = new ArrayList<>();
            if (!complete) {
                Map<String, List<String>> mappings = mainMappings(main);
                later.add(AnnotationReader.read(index, origin -> origin == null, mappings));
                for (Fragment f : ordered) {
                    later.add(f.xml());
                    if (!f.xml().metadataComplete) {
                        later.add(AnnotationReader.read(index, f.jarName()::equals, mappings));
                    }
                }
            }
            var merged = DescriptorMerger.merge(main, later, InitializerScanner.resolve(initializers, index), target);
            boolean precompiledPages = index.all().stream().anyMatch(c -> JspSupport.JSP_PAGE_BASE.equals(c.superName()));
            var assembled = WebSocketSupport.apply(JspSupport.apply(merged, name, precompiledPages), index, name);
            var roleMapping = GlassFishWebXml.read(appRoot, name);
            return roleMapping.isEmpty() ? assembled
                    : assembled.withSecurity(assembled.security().withRoleMapping(roleMapping));
        } catch (DescriptorException e) {
            throw new AppLoadException(e.getMessage(), e);
        } catch (IOException e) {
            throw new AppLoadException("cannot read " + name + ": " + e, e);
        }
    }

    private static WebXml readWebXml(Path appRoot, String name) throws DescriptorException {
        Path webXml = appRoot.resolve("WEB-INF/web.xml");
        return Files.isRegularFile(webXml) ? WebXmlParser.parse(webXml, name + "!/WEB-INF/web.xml") : null;
    }

    private static List<Path> jarsOf(List<Fragment> ordered, List<Path> jars) {
        Map<String, Path> byName = new HashMap<>();
        jars.forEach(j -> byName.put(j.getFileName().toString(), j));
        return ordered.stream().map(f -> byName.get(f.jarName())).toList();
    }

    private static Map<String, List<String>> mainMappings(WebXml main) {
        Map<String, List<String>> out = new HashMap<>();
        if (main != null) {
            main.servletMappings.forEach(m -> out.computeIfAbsent(m.servletName(), k -> new ArrayList<>()).addAll(m.urlPatterns()));
        }
        return out;
    }

    private static void refuseJavax(WebXml main, ClassIndex index, InitializerScanner.Found initializers, String name) throws AppLoadException {
        List<String> declared = new ArrayList<>();
        if (main != null) {
            main.servlets.values().forEach(s -> declared.add(s.className()));
            main.filters.values().forEach(f -> declared.add(f.className()));
            declared.addAll(main.listeners);
        }
        Optional<String> evidence = JavaxDetector.javaxEvidence(index, declared, initializers.javaxSources(),
                initializers.jakarta().values());
        if (evidence.isPresent()) {
            String schema = main != null && main.legacySchema ? " (and its web.xml uses the pre-Servlet-3.0 J2EE schema)" : "";
            throw new AppLoadException(name + " is built for javax.servlet (Java EE), not jakarta.servlet: "
                    + evidence.get() + schema + ". jgunicorn runs Jakarta Servlet 5+ applications; rebuild the WAR"
                    + " against jakarta.servlet or migrate it with the Eclipse Transformer.");
        }
    }
}
