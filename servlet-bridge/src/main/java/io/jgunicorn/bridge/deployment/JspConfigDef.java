package io.jgunicorn.bridge.deployment;

import java.util.List;

/**
 * web.xml's {@code <jsp-config>}: taglib locations and JSP property groups, as
 * {@code ServletContext.getJspConfigDescriptor()} reports them to the JSP engine.
 *
 * @param taglibs        taglib-uri to taglib-location, in declaration order
 * @param propertyGroups jsp-property-group elements, in declaration order
 */
public record JspConfigDef(List<Taglib> taglibs, List<PropertyGroup> propertyGroups) {

    /** No {@code <jsp-config>} at all. */
    public static final JspConfigDef NONE = new JspConfigDef(List.of(), List.of());

    public JspConfigDef {
        taglibs = List.copyOf(taglibs);
        propertyGroups = List.copyOf(propertyGroups);
    }

    public boolean isEmpty() {
        return taglibs.isEmpty() && propertyGroups.isEmpty();
    }

    public record Taglib(String uri, String location) {}

    /**
     * One jsp-property-group. The boolean-valued settings are kept as the descriptor's text (null
     * when absent), as {@code JspPropertyGroupDescriptor} returns them.
     */
    public record PropertyGroup(
            List<String> urlPatterns,
            String elIgnored,
            String errorOnElNotFound,
            String pageEncoding,
            String scriptingInvalid,
            String isXml,
            List<String> includePreludes,
            List<String> includeCodas,
            String deferredSyntaxAllowedAsLiteral,
            String trimDirectiveWhitespaces,
            String defaultContentType,
            String buffer,
            String errorOnUndeclaredNamespace) {

        public PropertyGroup {
            urlPatterns = List.copyOf(urlPatterns);
            includePreludes = List.copyOf(includePreludes);
            includeCodas = List.copyOf(includeCodas);
        }
    }
}
