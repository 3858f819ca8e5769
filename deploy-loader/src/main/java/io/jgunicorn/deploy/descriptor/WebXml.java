package io.jgunicorn.deploy.descriptor;

import io.jgunicorn.bridge.deployment.ErrorPageDef;
import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.bridge.deployment.FilterMappingDef;
import io.jgunicorn.bridge.deployment.JspConfigDef;
import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.deployment.ServletDef;
import io.jgunicorn.bridge.deployment.ServletMappingDef;
import io.jgunicorn.bridge.deployment.SessionConfigDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one deployment descriptor (web.xml or a web-fragment.xml) declares, before merging.
 * Mutable on purpose: the parser fills it, the merger reads it, neither escapes the loader.
 */
public final class WebXml {

    /** Marker for {@code <others/>} inside an ordering list. */
    public static final String OTHERS = "\0others";

    /** The {@link #source} of the declarations read from class annotations. */
    public static final String ANNOTATIONS = "annotations";

    /** Where these declarations come from: a descriptor file, or {@link #ANNOTATIONS}. */
    public String source;
    public int majorVersion = 6;
    public int minorVersion = 1;
    /** True when the namespace/DTD predates Servlet 3.0 (J2EE / javax only). */
    public boolean legacySchema;
    public boolean metadataComplete;
    public String displayName;
    public final Map<String, String> contextParams = new LinkedHashMap<>();
    public final Map<String, ServletDef> servlets = new LinkedHashMap<>();
    public final List<ServletMappingDef> servletMappings = new ArrayList<>();
    public final Map<String, FilterDef> filters = new LinkedHashMap<>();
    public final List<FilterMappingDef> filterMappings = new ArrayList<>();
    public final List<String> listeners = new ArrayList<>();
    public final List<ErrorPageDef> errorPages = new ArrayList<>();
    /** Null when the descriptor has no welcome-file-list (so defaults or fragments apply). */
    public List<String> welcomeFiles;
    public final Map<String, String> mimeTypes = new LinkedHashMap<>();
    /** Null when absent. */
    public SessionConfigDef sessionConfig;
    public final List<SecurityDef.Constraint> constraints = new ArrayList<>();
    public boolean hasLoginConfig;
    public String authMethod;
    public String realmName;
    public String formLoginPage;
    public String formErrorPage;
    public final Set<String> roles = new LinkedHashSet<>();
    public final Map<String, String> localeEncodings = new LinkedHashMap<>();
    public String requestCharacterEncoding;
    public String responseCharacterEncoding;
    public boolean denyUncoveredHttpMethods;
    /** jsp-config: taglibs and jsp-property-groups (fragments add theirs). */
    public final List<JspConfigDef.Taglib> taglibs = new ArrayList<>();
    public final List<JspConfigDef.PropertyGroup> jspPropertyGroups = new ArrayList<>();
    /** env-entry declarations (java:comp/env). */
    public final List<io.jgunicorn.bridge.deployment.EnvironmentDef.EnvEntry> envEntries = new ArrayList<>();
    /** resource-ref and resource-env-ref declarations. */
    public final List<io.jgunicorn.bridge.deployment.EnvironmentDef.ResourceRef> resourceRefs = new ArrayList<>();
    /** web.xml absolute-ordering (names and {@link #OTHERS}); null when absent. */
    public List<String> absoluteOrdering;
    /** web-fragment.xml name; null when unnamed. */
    public String fragmentName;
    /** web-fragment.xml ordering: names (and {@link #OTHERS}) this fragment must come after / before. */
    public final List<String> after = new ArrayList<>();
    public final List<String> before = new ArrayList<>();

    @Override
    public String toString() {
        return source;
    }
}
