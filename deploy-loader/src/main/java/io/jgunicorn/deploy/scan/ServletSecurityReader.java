package io.jgunicorn.deploy.scan;

import io.jgunicorn.bridge.deployment.SecurityDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code @ServletSecurity} as security constraints, following the mapping in Servlet 6.1 section
 * 13.4.1.3: each {@code @HttpMethodConstraint} constrains its method on the servlet's patterns, and
 * the {@code @HttpConstraint} covers every other method (as http-method-omissions).
 */
final class ServletSecurityReader {

    private ServletSecurityReader() {}

    static List<SecurityDef.Constraint> constraints(AnnotationData security, List<String> patterns) {
        List<SecurityDef.Constraint> out = new ArrayList<>();
        if (patterns.isEmpty()) {
            return out;
        }
        Set<String> methods = new LinkedHashSet<>();
        for (AnnotationData m : security.annotations("httpMethodConstraints")) {
            String method = m.string("value", "");
            methods.add(method);
            out.add(new SecurityDef.Constraint(patterns, Set.of(method), Set.of(),
                    roles(m, "emptyRoleSemantic"), m.string("transportGuarantee", "NONE")));
        }
        AnnotationData all = security.annotation("value");
        Set<String> roles = all == null ? null : roles(all, "value");
        String guarantee = all == null ? "NONE" : all.string("transportGuarantee", "NONE");
        // the default @HttpConstraint (permit, no roles, no transport guarantee) constrains nothing
        if (roles != null || !guarantee.equals("NONE")) {
            out.add(new SecurityDef.Constraint(patterns, Set.of(), methods, roles, guarantee));
        }
        return out;
    }

    /** null (anyone) for PERMIT without roles; empty (nobody) for DENY; else the roles. */
    private static Set<String> roles(AnnotationData c, String semanticKey) {
        List<String> roles = c.strings("rolesAllowed");
        if (!roles.isEmpty()) {
            return new LinkedHashSet<>(roles);
        }
        return "DENY".equals(c.string(semanticKey, "PERMIT")) ? Set.of() : null;
    }
}
