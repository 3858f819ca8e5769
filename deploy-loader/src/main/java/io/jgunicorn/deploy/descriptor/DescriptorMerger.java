package io.jgunicorn.deploy.descriptor;

import io.jgunicorn.bridge.deployment.ErrorPageDef;
import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.JspConfigDef;
import io.jgunicorn.bridge.deployment.ResourceView;
import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.SessionConfigDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges web.xml, the ordered web fragments and the annotations (in that order of precedence) into
 * the {@link WebAppDescriptor} the bridge deploys. The rules follow Servlet 6.1 section 8.2.3 in the
 * form that matters in practice: a name declared earlier wins, the main web.xml's servlet and filter
 * mappings replace anything later sources say for the same name, everything else accumulates.
 */
public final class DescriptorMerger {

    /** Where the merged application lives; not part of any descriptor file. */
    public record Target(String contextPath, ClassLoader classLoader, ResourceView resources, Path tempDir) {}

    private DescriptorMerger() {}

    /** env-entry and resource references: the first declaration of a name wins (web.xml, then fragments). */
    private static io.jgunicorn.bridge.deployment.EnvironmentDef environment(WebXml main, List<WebXml> all) {
        Map<String, io.jgunicorn.bridge.deployment.EnvironmentDef.EnvEntry> entries = new LinkedHashMap<>();
        Map<String, io.jgunicorn.bridge.deployment.EnvironmentDef.ResourceRef> refs = new LinkedHashMap<>();
        for (WebXml w : all) {
            w.envEntries.forEach(e -> entries.putIfAbsent(e.name(), e));
            w.resourceRefs.forEach(r -> refs.putIfAbsent(r.name(), r));
        }
        return new io.jgunicorn.bridge.deployment.EnvironmentDef(List.copyOf(entries.values()), List.copyOf(refs.values()),
                !main.metadataComplete);
    }

    /**
     * @param main        web.xml, or null when the WAR has none
     * @param later       fragments in their resolved order, then annotation-derived declarations
     * @param initializers ServletContainerInitializers to run
     */
    public static WebAppDescriptor merge(WebXml main, List<WebXml> later, List<InitializerDef> initializers, Target target) {
        WebXml m = main != null ? main : new WebXml();
        List<WebXml> all = new ArrayList<>();
        all.add(m);
        all.addAll(later);
        SecurityDef security = security(all);
        return new WebAppDescriptor(target.contextPath(), m.displayName, m.majorVersion, m.minorVersion,
                target.classLoader(), target.resources(), target.tempDir(),
                firstWins(all, w -> w.contextParams), servlets(all), servletMappings(all), filters(all), filterMappings(all),
                listeners(all), initializers, errorPages(all), welcomeFiles(all), firstWins(all, w -> w.mimeTypes),
                first(all, w -> w.sessionConfig, SessionConfigDef.DEFAULT), security, firstWins(all, w -> w.localeEncodings),
                first(all, w -> w.requestCharacterEncoding, null), first(all, w -> w.responseCharacterEncoding, null),
                m.denyUncoveredHttpMethods, jspConfig(all), environment(m, all));
    }

    private static <T> T first(List<WebXml> all, java.util.function.Function<WebXml, T> get, T fallback) {
        return all.stream().map(get).filter(Objects::nonNull).findFirst().orElse(fallback);
    }

    private static Map<String, String> firstWins(List<WebXml> all, java.util.function.Function<WebXml, Map<String, String>> get) {
        Map<String, String> out = new LinkedHashMap<>();
        all.forEach(w -> get.apply(w).forEach(out::putIfAbsent));
        return out;
    }

    private static List<ServletDef> servlets(List<WebXml> all) {
        Map<String, ServletDef> out = new LinkedHashMap<>();
        for (WebXml w : all) {
            w.servlets.forEach((name, def) -> out.merge(name, def, DescriptorMerger::keepEarlier));
        }
        return List.copyOf(out.values());
    }

    /** The earlier declaration wins; init params it does not name and a missing class or multipart come from the later one. */
    private static ServletDef keepEarlier(ServletDef a, ServletDef b) {
        Map<String, String> params = new LinkedHashMap<>(a.initParams());
        b.initParams().forEach(params::putIfAbsent);
        return new ServletDef(a.name(), a.className() != null ? a.className() : b.className(), a.jspFile(), params,
                a.loadOnStartup() != null ? a.loadOnStartup() : b.loadOnStartup(), a.asyncSupported() || b.asyncSupported(),
                a.multipart() != null ? a.multipart() : b.multipart(), a.runAsRole() != null ? a.runAsRole() : b.runAsRole(),
                a.enabled(), WebXmlParser.mergedRoleRefs(a, b));
    }

    private static List<FilterDef> filters(List<WebXml> all) {
        Map<String, FilterDef> out = new LinkedHashMap<>();
        for (WebXml w : all) {
            w.filters.forEach((name, def) -> out.merge(name, def, (a, b) -> {
                Map<String, String> params = new LinkedHashMap<>(a.initParams());
                b.initParams().forEach(params::putIfAbsent);
                return new FilterDef(a.name(), a.className() != null ? a.className() : b.className(), params,
                        a.asyncSupported() || b.asyncSupported());
            }));
        }
        return List.copyOf(out.values());
    }

    private static List<ServletMappingDef> servletMappings(List<WebXml> all) {
        Set<String> fixed = new HashSet<>();
        all.getFirst().servletMappings.forEach(sm -> fixed.add(sm.servletName()));
        List<ServletMappingDef> out = new ArrayList<>(all.getFirst().servletMappings);
        for (WebXml w : all.subList(1, all.size())) {
            w.servletMappings.stream().filter(sm -> !fixed.contains(sm.servletName())).forEach(out::add);
        }
        return out;
    }

    private static List<FilterMappingDef> filterMappings(List<WebXml> all) {
        Set<String> fixed = new HashSet<>();
        all.getFirst().filterMappings.forEach(fm -> fixed.add(fm.filterName()));
        List<FilterMappingDef> out = new ArrayList<>(all.getFirst().filterMappings);
        for (WebXml w : all.subList(1, all.size())) {
            w.filterMappings.stream().filter(fm -> !fixed.contains(fm.filterName())).forEach(out::add);
        }
        return out;
    }

    private static List<String> listeners(List<WebXml> all) {
        Set<String> out = new LinkedHashSet<>();
        all.forEach(w -> out.addAll(w.listeners));
        return List.copyOf(out);
    }

    /** web.xml's jsp-config, then each fragment's (Jasper lets the first taglib of a URI win). */
    private static JspConfigDef jspConfig(List<WebXml> all) {
        List<JspConfigDef.Taglib> taglibs = new ArrayList<>();
        List<JspConfigDef.PropertyGroup> groups = new ArrayList<>();
        all.forEach(w -> {
            taglibs.addAll(w.taglibs);
            groups.addAll(w.jspPropertyGroups);
        });
        return new JspConfigDef(taglibs, groups);
    }

    private static boolean isAnnotations(WebXml w) {
        return WebXml.ANNOTATIONS.equals(w.source);
    }

    private static List<ErrorPageDef> errorPages(List<WebXml> all) {
        Map<String, ErrorPageDef> out = new LinkedHashMap<>();
        all.forEach(w -> w.errorPages.forEach(p -> out.putIfAbsent(p.errorCode() + "|" + p.exceptionType(), p)));
        return List.copyOf(out.values());
    }

    private static List<String> welcomeFiles(List<WebXml> all) {
        if (all.getFirst().welcomeFiles != null) {
            return all.getFirst().welcomeFiles;
        }
        Set<String> out = new LinkedHashSet<>();
        all.stream().filter(w -> w.welcomeFiles != null).forEach(w -> out.addAll(w.welcomeFiles));
        return out.isEmpty() ? WebAppDescriptor.DEFAULT_WELCOME_FILES : List.copyOf(out);
    }

    /**
     * Descriptor constraints, then {@code @ServletSecurity} ones for the URL patterns no descriptor
     * constraint names: a security-constraint of web.xml or a fragment for a pattern takes the
     * annotation's place on that pattern (Servlet 6.1 section 13.4.1, as Tomcat reads it).
     */
    private static SecurityDef security(List<WebXml> all) {
        List<SecurityDef.Constraint> constraints = new ArrayList<>();
        Set<String> roles = new LinkedHashSet<>();
        WebXml login = all.stream().filter(w -> w.hasLoginConfig).findFirst().orElse(null);
        Set<String> declared = new LinkedHashSet<>();
        all.stream().filter(w -> !isAnnotations(w)).forEach(w -> {
            constraints.addAll(w.constraints);
            w.constraints.forEach(c -> declared.addAll(c.urlPatterns()));
        });
        all.stream().filter(DescriptorMerger::isAnnotations).forEach(w -> {
            for (SecurityDef.Constraint c : w.constraints) {
                List<String> left = c.urlPatterns().stream().filter(p -> !declared.contains(p)).toList();
                if (!left.isEmpty()) {
                    constraints.add(new SecurityDef.Constraint(left, c.httpMethods(), c.httpMethodOmissions(),
                            c.rolesAllowed(), c.transportGuarantee()));
                }
            }
        });
        all.forEach(w -> roles.addAll(w.roles));
        if (constraints.isEmpty() && roles.isEmpty() && login == null) {
            return SecurityDef.NONE;
        }
        return login == null
                ? new SecurityDef(constraints, null, null, null, null, roles)
                : new SecurityDef(constraints, login.authMethod, login.realmName, login.formLoginPage, login.formErrorPage, roles);
    }
}
