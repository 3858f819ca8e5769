package io.jgunicorn.bridge.deployment;

import java.util.List;

/**
 * The application's own principal-to-role mapping, as GlassFish and Payara read it from
 * {@code WEB-INF/glassfish-web.xml} (or the older {@code WEB-INF/sun-web.xml}):
 * {@code <security-role-mapping>} elements, each naming one role and the principals and groups
 * that have it. The deploy loader reads the file; the bridge uses the mapping for CLIENT-CERT only
 * (see the servlet-bridge README, "Vendor role mapping").
 *
 * @param source   the descriptor the mapping came from (for messages), or null for none
 * @param mappings the {@code security-role-mapping} elements in document order
 */
public record RoleMappingDef(String source, List<Mapping> mappings) {

    public RoleMappingDef {
        mappings = List.copyOf(mappings);
    }

    /** No vendor descriptor: nothing is mapped. */
    public static final RoleMappingDef NONE = new RoleMappingDef(null, List.of());

    /**
     * One {@code security-role-mapping}.
     *
     * @param role       its {@code role-name}
     * @param principals its {@code principal-name} values, as written (X.500 names are compared canonically)
     * @param groups     its {@code group-name} values
     */
    public record Mapping(String role, List<String> principals, List<String> groups) {
        public Mapping {
            principals = List.copyOf(principals);
            groups = List.copyOf(groups);
        }
    }

    public boolean isEmpty() {
        return mappings.isEmpty();
    }
}
