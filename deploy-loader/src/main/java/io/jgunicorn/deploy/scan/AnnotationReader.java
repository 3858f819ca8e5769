package io.jgunicorn.deploy.scan;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.MultipartConfigDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.deploy.descriptor.WebXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns {@code @WebServlet}, {@code @WebFilter}, {@code @WebListener}, {@code @MultipartConfig} and
 * {@code @ServletSecurity} found in class files into declarations, as if they had been written in a
 * descriptor. The merger gives web.xml and fragments precedence over what is produced here.
 */
public final class AnnotationReader {

    static final String PKG = "jakarta.servlet.annotation.";

    private AnnotationReader() {}

    /**
     * @param includeOrigin which classes to read, by origin (null for WEB-INF/classes, else the jar name)
     * @param mainMappings  servlet name to the URL patterns web.xml maps it to (they replace the annotation's)
     */
    public static WebXml read(ClassIndex index, Predicate<String> includeOrigin, Map<String, List<String>> mainMappings) {
        WebXml w = new WebXml();
        w.source = WebXml.ANNOTATIONS;
        for (ClassInfo c : index.all()) {
            if (c.servletAnnotations().isEmpty() || !includeOrigin.test(c.origin())) {
                continue;
            }
            AnnotationData servlet = c.annotation(PKG + "WebServlet");
            if (servlet != null) {
                servlet(c, servlet, w, mainMappings);
            }
            AnnotationData filter = c.annotation(PKG + "WebFilter");
            if (filter != null) {
                filter(c, filter, w);
            }
            if (c.annotation(PKG + "WebListener") != null) {
                w.listeners.add(c.name());
            }
        }
        return w;
    }

    private static void servlet(ClassInfo c, AnnotationData a, WebXml w, Map<String, List<String>> mainMappings) {
        String name = a.string("name", "");
        name = name.isEmpty() ? c.name() : name;
        long load = a.number("loadOnStartup", -1);
        ServletDef def = new ServletDef(name, c.name(), null, initParams(a), load < 0 ? null : (int) load,
                a.bool("asyncSupported", false), multipart(c.annotation(PKG + "MultipartConfig")), null, true);
        w.servlets.putIfAbsent(name, def);
        List<String> patterns = patterns(a);
        if (!patterns.isEmpty()) {
            w.servletMappings.add(new ServletMappingDef(name, patterns));
        }
        AnnotationData security = c.annotation(PKG + "ServletSecurity");
        if (security != null) {
            List<String> effective = mainMappings.getOrDefault(name, patterns);
            w.constraints.addAll(ServletSecurityReader.constraints(security, effective));
        }
    }

    private static void filter(ClassInfo c, AnnotationData a, WebXml w) {
        String name = a.string("filterName", "");
        name = name.isEmpty() ? c.name() : name;
        w.filters.putIfAbsent(name, new FilterDef(name, c.name(), initParams(a), a.bool("asyncSupported", false)));
        Set<String> dispatchers = new LinkedHashSet<>(a.strings("dispatcherTypes"));
        List<String> servletNames = a.strings("servletNames");
        List<String> patterns = patterns(a);
        if (!patterns.isEmpty() || !servletNames.isEmpty()) {
            w.filterMappings.add(new FilterMappingDef(name, patterns, servletNames, dispatchers.isEmpty() ? Set.of("REQUEST") : dispatchers));
        }
    }

    /** {@code value} and {@code urlPatterns} are synonyms; the spec forbids using both, we accept the union. */
    private static List<String> patterns(AnnotationData a) {
        Set<String> out = new LinkedHashSet<>(a.strings("value"));
        out.addAll(a.strings("urlPatterns"));
        return new ArrayList<>(out);
    }

    private static Map<String, String> initParams(AnnotationData a) {
        Map<String, String> params = new LinkedHashMap<>();
        for (AnnotationData p : a.annotations("initParams")) {
            params.putIfAbsent(p.string("name", ""), p.string("value", ""));
        }
        return params;
    }

    static MultipartConfigDef multipart(AnnotationData m) {
        if (m == null) {
            return null;
        }
        return new MultipartConfigDef(m.string("location", ""), m.number("maxFileSize", -1),
                m.number("maxRequestSize", -1), (int) m.number("fileSizeThreshold", 0));
    }
}
