package io.jgunicorn.deploy.descriptor;

import io.jgunicorn.bridge.deployment.ErrorPageDef;
import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.MultipartConfigDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * Reads {@code web.xml} and {@code web-fragment.xml} of every schema version from Servlet 2.x
 * (only to recognise it) through 6.1 into a {@link WebXml}. Unknown elements are ignored, as
 * containers traditionally do, so Java EE extras (env-entry, ejb-ref...) do not break deployment.
 */
public final class WebXmlParser {

    private WebXmlParser() {}

    /** Parses a descriptor; {@code source} names it in errors ("app.war!/WEB-INF/web.xml"). */
    public static WebXml parse(InputStream in, String source) throws DescriptorException {
        XmlElement root;
        String doctype;
        try {
            XmlElement.Document doc = XmlElement.parseDocument(in);
            root = doc.root();
            doctype = doc.doctype();
        } catch (XMLStreamException e) {
            throw new DescriptorException(source + ": not well-formed XML: " + e.getMessage(), e);
        }
        if (!root.name().equals("web-app") && !root.name().equals("web-fragment")) {
            throw new DescriptorException(source + ": root element is <" + root.name() + ">, expected <web-app> or <web-fragment>");
        }
        WebXml w = new WebXml();
        w.source = source;
        try {
            readHeader(root, doctype, w);
            readBody(root, w);
        } catch (NumberFormatException e) {
            throw new DescriptorException(source + ": bad number: " + e.getMessage(), e);
        }
        if (w.majorVersion == 2 && w.minorVersion <= 2) {
            LeadingSlash.add(w);
        }
        return w;
    }

    public static WebXml parse(java.nio.file.Path file, String source) throws DescriptorException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return parse(in, source);
        } catch (IOException e) {
            throw new DescriptorException(source + ": cannot read: " + e, e);
        }
    }

    private static void readHeader(XmlElement root, String doctype, WebXml w) {
        String version = root.attr("version");
        String ns = root.namespace() == null ? "" : root.namespace();
        if (version == null) {
            // a DTD-era descriptor (2.2/2.3) has no namespace and no version: its DOCTYPE tells which
            boolean dtd22 = doctype != null && doctype.contains("//DTD Web Application 2.2//");
            version = ns.isEmpty() ? (dtd22 ? "2.2" : "2.3") : ns.contains("j2ee") ? "2.4" : "6.1";
        }
        String[] parts = version.trim().split("\\.");
        w.majorVersion = Integer.parseInt(parts[0]);
        w.minorVersion = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        w.legacySchema = w.majorVersion < 3 || ns.contains("/j2ee");
        w.metadataComplete = Boolean.parseBoolean(root.attr("metadata-complete"));
        w.fragmentName = root.text("name");
    }

    private static void readBody(XmlElement root, WebXml w) throws DescriptorException {
        w.displayName = root.text("display-name");
        for (XmlElement p : root.all("context-param")) {
            w.contextParams.putIfAbsent(p.text("param-name"), nullToEmpty(p.text("param-value")));
        }
        for (XmlElement s : root.all("servlet")) {
            ServletDef def = servlet(s, w);
            w.servlets.merge(def.name(), def, WebXmlParser::mergeServlet);
        }
        for (XmlElement m : root.all("servlet-mapping")) {
            w.servletMappings.add(new ServletMappingDef(required(m, "servlet-name", w), m.texts("url-pattern")));
        }
        for (XmlElement f : root.all("filter")) {
            FilterDef def = filter(f, w);
            w.filters.merge(def.name(), def, WebXmlParser::mergeFilter);
        }
        for (XmlElement m : root.all("filter-mapping")) {
            w.filterMappings.add(filterMapping(m, w));
        }
        for (XmlElement l : root.all("listener")) {
            w.listeners.add(required(l, "listener-class", w));
        }
        readPages(root, w);
        readEnvironment(root, w);
        JspConfigParser.read(root, w);
        SecurityParser.read(root, w);
        readOrdering(root, w);
    }

    private static void readPages(XmlElement root, WebXml w) {
        for (XmlElement list : root.all("welcome-file-list")) {
            if (w.welcomeFiles == null) {
                w.welcomeFiles = new java.util.ArrayList<>();
            }
            w.welcomeFiles.addAll(list.texts("welcome-file"));
        }
        for (XmlElement e : root.all("error-page")) {
            String code = e.text("error-code");
            w.errorPages.add(new ErrorPageDef(code == null ? null : Integer.valueOf(code), e.text("exception-type"), e.text("location")));
        }
        for (XmlElement m : root.all("mime-mapping")) {
            w.mimeTypes.put(m.text("extension").toLowerCase(Locale.ROOT), m.text("mime-type"));
        }
        for (XmlElement list : root.all("locale-encoding-mapping-list")) {
            for (XmlElement m : list.all("locale-encoding-mapping")) {
                w.localeEncodings.put(m.text("locale"), m.text("encoding"));
            }
        }
        w.requestCharacterEncoding = root.text("request-character-encoding");
        w.responseCharacterEncoding = root.text("response-character-encoding");
        w.denyUncoveredHttpMethods = root.has("deny-uncovered-http-methods");
        XmlElement session = root.child("session-config");
        if (session != null) {
            w.sessionConfig = SecurityParser.sessionConfig(session);
        }
    }

    /** java:comp/env declarations; names may be given with the {@code java:comp/env/} prefix. */
    private static void readEnvironment(XmlElement root, WebXml w) throws DescriptorException {
        for (XmlElement e : root.all("env-entry")) {
            String type = e.text("env-entry-type");
            w.envEntries.add(new io.jgunicorn.bridge.deployment.EnvironmentDef.EnvEntry(envName(required(e, "env-entry-name", w)),
                    type == null ? "java.lang.String" : type.trim(), e.text("env-entry-value")));
        }
        for (XmlElement r : root.all("resource-ref")) {
            String type = r.text("res-type");
            w.resourceRefs.add(new io.jgunicorn.bridge.deployment.EnvironmentDef.ResourceRef(envName(required(r, "res-ref-name", w)),
                    type == null ? "javax.sql.DataSource" : type.trim(), false));
        }
        for (XmlElement r : root.all("resource-env-ref")) {
            String type = r.text("resource-env-ref-type");
            w.resourceRefs.add(new io.jgunicorn.bridge.deployment.EnvironmentDef.ResourceRef(
                    envName(required(r, "resource-env-ref-name", w)), type == null ? null : type.trim(), true));
        }
    }

    private static String envName(String name) {
        String n = name.trim();
        return n.startsWith("java:comp/env/") ? n.substring("java:comp/env/".length()) : n;
    }

    private static void readOrdering(XmlElement root, WebXml w) {
        XmlElement absolute = root.child("absolute-ordering");
        if (absolute != null && root.name().equals("web-app")) {
            w.absoluteOrdering = orderingNames(absolute);
        }
        XmlElement ordering = root.child("ordering");
        if (ordering != null && root.name().equals("web-fragment")) {
            if (ordering.child("after") != null) {
                w.after.addAll(orderingNames(ordering.child("after")));
            }
            if (ordering.child("before") != null) {
                w.before.addAll(orderingNames(ordering.child("before")));
            }
        }
    }

    private static List<String> orderingNames(XmlElement list) {
        return list.children().stream()
                .filter(c -> c.name().equals("name") || c.name().equals("others"))
                .map(c -> c.name().equals("others") ? WebXml.OTHERS : c.text())
                .toList();
    }

    private static ServletDef servlet(XmlElement s, WebXml w) throws DescriptorException {
        String name = required(s, "servlet-name", w);
        String loadOnStartup = s.text("load-on-startup");
        XmlElement runAs = s.child("run-as");
        String enabled = s.text("enabled");
        return new ServletDef(name, s.text("servlet-class"), s.text("jsp-file"), initParams(s),
                loadOnStartup == null || loadOnStartup.isEmpty() ? null : Integer.valueOf(loadOnStartup),
                Boolean.parseBoolean(s.text("async-supported")), multipart(s.child("multipart-config")),
                runAs == null ? null : runAs.text("role-name"), enabled == null || Boolean.parseBoolean(enabled), roleRefs(s));
    }

    /** security-role-ref: role-name → role-link (a ref without a link changes nothing, so it is left out). */
    private static Map<String, String> roleRefs(XmlElement servlet) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (XmlElement ref : servlet.all("security-role-ref")) {
            String name = ref.text("role-name");
            String link = ref.text("role-link");
            if (name != null && !name.isEmpty() && link != null && !link.isEmpty()) {
                refs.put(name, link);
            }
        }
        return refs;
    }

    private static MultipartConfigDef multipart(XmlElement m) {
        if (m == null) {
            return null;
        }
        return new MultipartConfigDef(nullToEmpty(m.text("location")), number(m.text("max-file-size"), -1),
                number(m.text("max-request-size"), -1), (int) number(m.text("file-size-threshold"), 0));
    }

    private static FilterDef filter(XmlElement f, WebXml w) throws DescriptorException {
        return new FilterDef(required(f, "filter-name", w), f.text("filter-class"), initParams(f),
                Boolean.parseBoolean(f.text("async-supported")));
    }

    private static FilterMappingDef filterMapping(XmlElement m, WebXml w) throws DescriptorException {
        Set<String> dispatchers = new LinkedHashSet<>();
        for (String d : m.texts("dispatcher")) {
            dispatchers.add(d.toUpperCase(Locale.ROOT));
        }
        return new FilterMappingDef(required(m, "filter-name", w), m.texts("url-pattern"), m.texts("servlet-name"), dispatchers);
    }

    /** A servlet declared twice in one descriptor (a partial second declaration) keeps the class of the first. */
    private static ServletDef mergeServlet(ServletDef a, ServletDef b) {
        Map<String, String> params = new LinkedHashMap<>(b.initParams());
        params.putAll(a.initParams());
        return new ServletDef(a.name(), a.className() != null ? a.className() : b.className(),
                a.jspFile() != null ? a.jspFile() : b.jspFile(), params,
                a.loadOnStartup() != null ? a.loadOnStartup() : b.loadOnStartup(), a.asyncSupported() || b.asyncSupported(),
                a.multipart() != null ? a.multipart() : b.multipart(), a.runAsRole() != null ? a.runAsRole() : b.runAsRole(),
                a.enabled() && b.enabled(), mergedRoleRefs(a, b));
    }

    /** The role refs of both declarations; the first's link wins for a name both give. */
    static Map<String, String> mergedRoleRefs(ServletDef a, ServletDef b) {
        Map<String, String> refs = new LinkedHashMap<>(b.roleRefs());
        refs.putAll(a.roleRefs());
        return refs;
    }

    private static FilterDef mergeFilter(FilterDef a, FilterDef b) {
        Map<String, String> params = new LinkedHashMap<>(b.initParams());
        params.putAll(a.initParams());
        return new FilterDef(a.name(), a.className() != null ? a.className() : b.className(), params,
                a.asyncSupported() || b.asyncSupported());
    }

    private static Map<String, String> initParams(XmlElement e) {
        Map<String, String> params = new LinkedHashMap<>();
        for (XmlElement p : e.all("init-param")) {
            params.putIfAbsent(p.text("param-name"), nullToEmpty(p.text("param-value")));
        }
        return params;
    }

    static String required(XmlElement e, String child, WebXml w) throws DescriptorException {
        String v = e.text(child);
        if (v == null || v.isEmpty()) {
            throw new DescriptorException(w.source + ": <" + e.name() + "> without <" + child + ">");
        }
        return v;
    }

    static long number(String s, long fallback) {
        return s == null || s.isEmpty() ? fallback : Long.parseLong(s);
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
