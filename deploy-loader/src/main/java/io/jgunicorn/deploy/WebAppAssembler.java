package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.descriptor.DescriptorException;
import io.jgunicorn.deploy.descriptor.DescriptorMerger;
import io.jgunicorn.deploy.descriptor.WebXml;
import io.jgunicorn.deploy.descriptor.WebXmlParser;
import io.jgunicorn.deploy.scan.ClassIndex;
import io.jgunicorn.deploy.scan.JavaxDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an unpacked web application directory and describes it as a {@link WebAppDescriptor}:
 * web.xml, then (unless metadata-complete) fragments, annotations and initializers. Reads files and
 * class files only; nothing of the application is loaded or run here.
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
            List<Path> jars = io.jgunicorn.deploy.classloading.WebAppClassLoader.libJars(appRoot);
            ClassIndex index = ClassIndex.scan(appRoot.resolve("WEB-INF/classes"), jars);
            refuseJavax(main, index, name);
            List<WebXml> later = new ArrayList<>();
            List<InitializerDef> initializers = List.of();
            return DescriptorMerger.merge(main, later, initializers, target);
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

    private static void refuseJavax(WebXml main, ClassIndex index, String name) throws AppLoadException {
        List<String> declared = new ArrayList<>();
        if (main != null) {
            main.servlets.values().forEach(s -> declared.add(s.className()));
            main.filters.values().forEach(f -> declared.add(f.className()));
            declared.addAll(main.listeners);
        }
        Optional<String> evidence = JavaxDetector.javaxEvidence(index, declared, List.of(), List.of());
        if (evidence.isPresent()) {
            String schema = main != null && main.legacySchema ? " (and its web.xml uses the pre-Servlet-3.0 J2EE schema)" : "";
            throw new AppLoadException(name + " is built for javax.servlet (Java EE), not jakarta.servlet: "
                    + evidence.get() + schema + ". jgunicorn runs Jakarta Servlet 5+ applications; rebuild the WAR"
                    + " against jakarta.servlet or migrate it with the Eclipse Transformer.");
        }
    }
}
