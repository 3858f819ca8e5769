package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.ResourceView;
import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.SessionConfigDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.deploy.api.AppBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link AppBuilder} handed to {@code AppFactory}s: collects declarations into a {@link WebAppDescriptor}. */
final class DescriptorBuilder implements AppBuilder {

    private final String contextPath;
    private String displayName;
    private Path staticFiles;
    private final Map<String, String> contextParams = new LinkedHashMap<>();
    private final List<ServletDef> servlets = new ArrayList<>();
    private final List<ServletMappingDef> servletMappings = new ArrayList<>();
    private final List<FilterDef> filters = new ArrayList<>();
    private final List<FilterMappingDef> filterMappings = new ArrayList<>();
    private final List<String> listeners = new ArrayList<>();
    private final List<String> initializers = new ArrayList<>();

    DescriptorBuilder(String contextPath) {
        this.contextPath = ContextPaths.normalize(contextPath);
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public AppBuilder servlet(String name, String className, Map<String, String> initParams, String... urlPatterns) {
        servlets.add(new ServletDef(name, className, null, initParams, null, true, null, null, true));
        if (urlPatterns.length > 0) {
            servletMappings.add(new ServletMappingDef(name, List.of(urlPatterns)));
        }
        return this;
    }

    @Override
    public AppBuilder filter(String name, String className, Map<String, String> initParams, String... urlPatterns) {
        filters.add(new FilterDef(name, className, initParams, true));
        if (urlPatterns.length > 0) {
            filterMappings.add(new FilterMappingDef(name, List.of(urlPatterns), List.of(), Set.of("REQUEST")));
        }
        return this;
    }

    @Override
    public AppBuilder listener(String className) {
        listeners.add(className);
        return this;
    }

    @Override
    public AppBuilder initializer(String className) {
        initializers.add(className);
        return this;
    }

    @Override
    public AppBuilder contextParam(String name, String value) {
        contextParams.put(name, value);
        return this;
    }

    @Override
    public AppBuilder staticFiles(Path directory) {
        this.staticFiles = directory;
        return this;
    }

    @Override
    public AppBuilder displayName(String name) {
        this.displayName = name;
        return this;
    }

    Path staticFiles() {
        return staticFiles;
    }

    List<String> initializers() {
        return initializers;
    }

    WebAppDescriptor build(ClassLoader loader, ResourceView resources, Path tempDir, List<InitializerDef> resolvedInitializers) {
        return new WebAppDescriptor(contextPath, displayName, 6, 1, loader, resources, tempDir, contextParams,
                servlets, servletMappings, filters, filterMappings, listeners, resolvedInitializers, List.of(),
                WebAppDescriptor.DEFAULT_WELCOME_FILES, Map.of(), SessionConfigDef.DEFAULT, SecurityDef.NONE, Map.of(),
                null, null, false, null);
    }
}
