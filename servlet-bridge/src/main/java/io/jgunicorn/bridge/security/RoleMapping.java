package io.jgunicorn.bridge.security;

import io.jgunicorn.bridge.deployment.RoleMappingDef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;

/**
 * An application's vendor role mapping ({@link RoleMappingDef}, GlassFish's
 * {@code security-role-mapping}) ready to look up: principal names and group names to the roles
 * mapped to them. A principal name that parses as an X.500 name is compared as one
 * ({@link X500Principal#equals}: canonical form, so {@code CN=CTS,OU=Java Software} and
 * {@code cn=CTS, ou=Java Software} are the same principal); any other name as it is written.
 */
final class RoleMapping {

    static final RoleMapping NONE = new RoleMapping(RoleMappingDef.NONE);

    /** Principal key ({@link X500Principal} or the name itself) → roles. */
    private final Map<Object, Set<String>> byPrincipal = new HashMap<>();
    private final Map<String, Set<String>> byGroup = new HashMap<>();

    RoleMapping(RoleMappingDef def) {
        for (RoleMappingDef.Mapping m : def.mappings()) {
            m.principals().forEach(p -> byPrincipal.computeIfAbsent(key(p), k -> new TreeSet<>()).add(m.role()));
            m.groups().forEach(g -> byGroup.computeIfAbsent(g, k -> new TreeSet<>()).add(m.role()));
        }
    }

    /** True when a {@code principal-name} of the mapping names this subject. */
    boolean names(X500Principal subject) {
        return byPrincipal.containsKey(subject);
    }

    /** The roles mapped to {@code subject} by name and to any of {@code groups} (the realm's roles of the user). */
    Set<String> roles(X500Principal subject, Set<String> groups) {
        Set<String> out = new TreeSet<>(byPrincipal.getOrDefault(subject, Set.of()));
        groups.forEach(g -> out.addAll(byGroup.getOrDefault(g, Set.of())));
        return out;
    }

    private static Object key(String name) {
        if (name.indexOf('=') < 0) {
            return name;
        }
        try {
            return new X500Principal(name);
        } catch (IllegalArgumentException notX500) {
            return name;
        }
    }
}
