package io.jgunicorn.bridge.core;

import jakarta.servlet.http.MappingMatch;
import java.util.Collection;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;

/**
 * Maps a decoded path within the context to a servlet. Precedence (exact, longest prefix, extension,
 * default) is jetty's {@link PathMappings}; servlet path, path info and match value follow the
 * {@code HttpServletMapping} table of the spec.
 */
public final class ServletMatcher {

    // replaced whole when the application starts; empty until then
    private volatile PathMappings<ServletHolder> mappings = new PathMappings<>();

    /** Maps the URL patterns of the enabled servlets (once initializers and listeners have added theirs). */
    void map(Collection<ServletHolder> servlets) {
        PathMappings<ServletHolder> built = new PathMappings<>();
        for (ServletHolder holder : servlets) {
            if (!holder.enabled()) {
                continue;
            }
            for (String pattern : holder.mappings()) {
                built.put(new ServletPathSpec(pattern), holder);
            }
        }
        mappings = built;
    }

    /** The match for {@code path} (decoded, canonical, starting with "/"), or null when nothing maps it. */
    public ServletMatch match(String path) {
        MatchedResource<ServletHolder> matched = mappings.getMatched(path);
        if (matched == null) {
            return null;
        }
        ServletHolder servlet = matched.getResource();
        ServletPathSpec spec = (ServletPathSpec) matched.getPathSpec();
        String pattern = spec.getDeclaration();
        return switch (spec.getGroup()) {
            case ROOT -> new ServletMatch(servlet, "", "/", mapping("", "", servlet, MappingMatch.CONTEXT_ROOT));
            case EXACT -> new ServletMatch(servlet, path, null, mapping(path.substring(1), pattern, servlet, MappingMatch.EXACT));
            case PREFIX_GLOB -> prefix(servlet, path, pattern);
            case SUFFIX_GLOB -> {
                String extension = pattern.substring(1);
                String value = path.substring(1, path.length() - extension.length());
                yield new ServletMatch(servlet, path, null, mapping(value, pattern, servlet, MappingMatch.EXTENSION));
            }
            default -> new ServletMatch(servlet, path, null, mapping("", "/", servlet, MappingMatch.DEFAULT));
        };
    }

    private static ServletMatch prefix(ServletHolder servlet, String path, String pattern) {
        String prefix = pattern.substring(0, pattern.length() - 2);
        String info = path.length() > prefix.length() ? path.substring(prefix.length()) : null;
        String value = info == null ? "" : info.substring(1);
        return new ServletMatch(servlet, prefix, info, mapping(value, pattern, servlet, MappingMatch.PATH));
    }

    private static ServletMatch.Mapping mapping(String value, String pattern, ServletHolder servlet, MappingMatch match) {
        return new ServletMatch.Mapping(value, pattern, servlet.name(), match);
    }
}
