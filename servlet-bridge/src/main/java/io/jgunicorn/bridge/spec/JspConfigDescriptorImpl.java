package io.jgunicorn.bridge.spec;

import io.jgunicorn.bridge.deployment.JspConfigDef;
import jakarta.servlet.descriptor.JspConfigDescriptor;
import jakarta.servlet.descriptor.JspPropertyGroupDescriptor;
import jakarta.servlet.descriptor.TaglibDescriptor;
import java.util.ArrayList;
import java.util.Collection;

/** The descriptor's {@code <jsp-config>} as the Servlet API presents it (to Jasper, mostly). */
public record JspConfigDescriptorImpl(JspConfigDef def) implements JspConfigDescriptor {

    /** Null when the application declares no jsp-config, as the API's Javadoc says. */
    public static JspConfigDescriptor of(JspConfigDef def) {
        return def == null || def.isEmpty() ? null : new JspConfigDescriptorImpl(def);
    }

    @Override
    public Collection<TaglibDescriptor> getTaglibs() {
        return new ArrayList<>(def.taglibs().stream().map(TaglibImpl::new).toList());
    }

    @Override
    public Collection<JspPropertyGroupDescriptor> getJspPropertyGroups() {
        return new ArrayList<>(def.propertyGroups().stream().map(PropertyGroupImpl::new).toList());
    }

    private record TaglibImpl(JspConfigDef.Taglib t) implements TaglibDescriptor {
        @Override public String getTaglibURI() { return t.uri(); }
        @Override public String getTaglibLocation() { return t.location(); }
    }

    private record PropertyGroupImpl(JspConfigDef.PropertyGroup g) implements JspPropertyGroupDescriptor {
        @Override public Collection<String> getUrlPatterns() { return new ArrayList<>(g.urlPatterns()); }
        @Override public String getElIgnored() { return g.elIgnored(); }
        @Override public String getErrorOnELNotFound() { return g.errorOnElNotFound(); }
        @Override public String getPageEncoding() { return g.pageEncoding(); }
        @Override public String getScriptingInvalid() { return g.scriptingInvalid(); }
        @Override public String getIsXml() { return g.isXml(); }
        @Override public Collection<String> getIncludePreludes() { return new ArrayList<>(g.includePreludes()); }
        @Override public Collection<String> getIncludeCodas() { return new ArrayList<>(g.includeCodas()); }
        @Override public String getDeferredSyntaxAllowedAsLiteral() { return g.deferredSyntaxAllowedAsLiteral(); }
        @Override public String getTrimDirectiveWhitespaces() { return g.trimDirectiveWhitespaces(); }
        @Override public String getDefaultContentType() { return g.defaultContentType(); }
        @Override public String getBuffer() { return g.buffer(); }
        @Override public String getErrorOnUndeclaredNamespace() { return g.errorOnUndeclaredNamespace(); }
    }
}
