package io.jgunicorn.bridge.deployment;

import java.util.List;

/** servlet-mapping: the URL patterns served by one servlet. */
public record ServletMappingDef(String servletName, List<String> urlPatterns) {
    public ServletMappingDef {
        urlPatterns = List.copyOf(urlPatterns);
    }
}
