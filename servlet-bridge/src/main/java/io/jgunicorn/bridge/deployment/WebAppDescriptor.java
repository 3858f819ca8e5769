package io.jgunicorn.bridge.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A web application described as data: what web.xml, web-fragment.xml and annotations said, merged
 * by the deploy loader. The bridge builds a running application from this and never reads the WAR.
 *
 * @param contextPath     "" for the root, else "/name" (no trailing slash)
 * @param displayName     for logs; may be null
 * @param majorVersion    Servlet spec version the descriptor declares (e.g. 6)
 * @param minorVersion    e.g. 1
 * @param classLoader     the webapp's own class loader (child-first, see the deploy loader)
 * @param resources       the app's files ("/index.html", "/WEB-INF/web.xml", META-INF/resources of jars)
 * @param tempDir         the app's private temp directory ({@code jakarta.servlet.context.tempdir})
 * @param contextParams   context-param values in declaration order
 * @param servlets        servlet declarations
 * @param servletMappings url-pattern to servlet-name mappings, in declaration order
 * @param filters         filter declarations
 * @param filterMappings  filter mappings in the order that decides the chain order
 * @param listeners       listener class names in declaration order
 * @param initializers    ServletContainerInitializers to run first, with their @HandlesTypes matches
 * @param errorPages      error-page declarations
 * @param welcomeFiles    welcome-file list (default: index.html, index.htm, index.jsp)
 * @param mimeTypes       extension (no dot, lower case) to MIME type, overriding the defaults
 * @param sessionConfig   session timeout, cookie config and tracking modes
 * @param security        security constraints, login config and roles; {@link SecurityDef#NONE} if none
 * @param localeEncodings locale to charset mappings
 * @param requestCharacterEncoding  default request encoding (web.xml), may be null
 * @param responseCharacterEncoding default response encoding (web.xml), may be null
 * @param denyUncoveredHttpMethods  web.xml deny-uncovered-http-methods
 * @param jspConfig       web.xml jsp-config; {@link JspConfigDef#NONE} if none
 * @param environment     env entries and resource references; {@link EnvironmentDef#NONE} if none
 */
public record WebAppDescriptor(
        String contextPath,
        String displayName,
        int majorVersion,
        int minorVersion,
        ClassLoader classLoader,
        ResourceView resources,
        Path tempDir,
        Map<String, String> contextParams,
        List<ServletDef> servlets,
        List<ServletMappingDef> servletMappings,
        List<FilterDef> filters,
        List<FilterMappingDef> filterMappings,
        List<String> listeners,
        List<InitializerDef> initializers,
        List<ErrorPageDef> errorPages,
        List<String> welcomeFiles,
        Map<String, String> mimeTypes,
        SessionConfigDef sessionConfig,
        SecurityDef security,
        Map<String, String> localeEncodings,
        String requestCharacterEncoding,
        String responseCharacterEncoding,
        boolean denyUncoveredHttpMethods,
        JspConfigDef jspConfig,
        EnvironmentDef environment) {

    public WebAppDescriptor {
        contextParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(contextParams));
        servlets = List.copyOf(servlets);
        servletMappings = List.copyOf(servletMappings);
        filters = List.copyOf(filters);
        filterMappings = List.copyOf(filterMappings);
        listeners = List.copyOf(listeners);
        initializers = List.copyOf(initializers);
        errorPages = List.copyOf(errorPages);
        welcomeFiles = List.copyOf(welcomeFiles);
        mimeTypes = Map.copyOf(mimeTypes);
        localeEncodings = Map.copyOf(localeEncodings);
        jspConfig = jspConfig == null ? JspConfigDef.NONE : jspConfig;
        environment = environment == null ? EnvironmentDef.NONE : environment;
    }

    /** Without a naming environment (programmatic applications, tests). */
    public WebAppDescriptor(String contextPath, String displayName, int majorVersion, int minorVersion, ClassLoader classLoader,
                            ResourceView resources, Path tempDir, Map<String, String> contextParams, List<ServletDef> servlets,
                            List<ServletMappingDef> servletMappings, List<FilterDef> filters, List<FilterMappingDef> filterMappings,
                            List<String> listeners, List<InitializerDef> initializers, List<ErrorPageDef> errorPages,
                            List<String> welcomeFiles, Map<String, String> mimeTypes, SessionConfigDef sessionConfig,
                            SecurityDef security, Map<String, String> localeEncodings, String requestCharacterEncoding,
                            String responseCharacterEncoding, boolean denyUncoveredHttpMethods, JspConfigDef jspConfig) {
        this(contextPath, displayName, majorVersion, minorVersion, classLoader, resources, tempDir, contextParams, servlets,
                servletMappings, filters, filterMappings, listeners, initializers, errorPages, welcomeFiles, mimeTypes,
                sessionConfig, security, localeEncodings, requestCharacterEncoding, responseCharacterEncoding,
                denyUncoveredHttpMethods, jspConfig, EnvironmentDef.NONE);
    }

    /** The same application with other context parameters (the deploy loader's context.xml {@code <Parameter>}s). */
    public WebAppDescriptor withContextParams(Map<String, String> params) {
        return new WebAppDescriptor(contextPath, displayName, majorVersion, minorVersion, classLoader, resources, tempDir, params,
                servlets, servletMappings, filters, filterMappings, listeners, initializers, errorPages, welcomeFiles, mimeTypes,
                sessionConfig, security, localeEncodings, requestCharacterEncoding, responseCharacterEncoding,
                denyUncoveredHttpMethods, jspConfig, environment);
    }

    /** The same application with other security (the deploy loader's vendor role mapping). */
    public WebAppDescriptor withSecurity(SecurityDef other) {
        return new WebAppDescriptor(contextPath, displayName, majorVersion, minorVersion, classLoader, resources, tempDir,
                contextParams, servlets, servletMappings, filters, filterMappings, listeners, initializers, errorPages,
                welcomeFiles, mimeTypes, sessionConfig, other, localeEncodings, requestCharacterEncoding,
                responseCharacterEncoding, denyUncoveredHttpMethods, jspConfig, environment);
    }

    /** The welcome files a container uses when web.xml names none. */
    public static final List<String> DEFAULT_WELCOME_FILES = List.of("index.html", "index.htm", "index.jsp");
}
