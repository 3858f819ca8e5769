package io.jgunicorn.bridge.security;

import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.HttpMethodConstraintElement;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import io.jgunicorn.bridge.deployment.SecurityDef;
import org.eclipse.jetty.http.pathmap.PathSpecGroup;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;

/**
 * Security constraints (Servlet 6 chapter 13.8): for a path and method, the constraints with the
 * best-matching url-pattern that apply to the method, combined — roles united, a constraint without
 * auth-constraint allowing everyone, one with an empty auth-constraint denying everyone, and the
 * weakest transport guarantee winning.
 */
final class Constraints {

    /** What a request must satisfy; {@code roles} null means no authentication needed. */
    record Decision(boolean denied, Set<String> roles, boolean confidential) {
        static final Decision OPEN = new Decision(false, null, false);
    }

    private record Entry(ServletPathSpec pattern, Set<String> methods, Set<String> omissions, Set<String> roles, boolean confidential) {
        boolean appliesTo(String method) {
            return methods.isEmpty() ? !omissions.contains(method) : methods.contains(method);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final boolean denyUncovered;

    Constraints(boolean denyUncovered) {
        this.denyUncovered = denyUncovered;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    void add(SecurityDef.Constraint constraint) {
        boolean confidential = constraint.transportGuarantee() != null && !"NONE".equalsIgnoreCase(constraint.transportGuarantee());
        for (String pattern : constraint.urlPatterns()) {
            entries.add(new Entry(new ServletPathSpec(pattern), constraint.httpMethods(), constraint.httpMethodOmissions(),
                    constraint.rolesAllowed(), confidential));
        }
    }

    /** {@code @ServletSecurity} or setServletSecurity, applied to the servlet's URL patterns. */
    void add(ServletSecurityElement element, List<String> patterns) {
        Set<String> named = new HashSet<>();
        for (HttpMethodConstraintElement method : element.getHttpMethodConstraints()) {
            named.add(method.getMethodName());
            for (String pattern : patterns) {
                entries.add(entry(pattern, Set.of(method.getMethodName()), Set.of(), method));
            }
        }
        for (String pattern : patterns) {
            entries.add(entry(pattern, Set.of(), named, element));
        }
    }

    private static Entry entry(String pattern, Set<String> methods, Set<String> omissions, HttpConstraintElement element) {
        Set<String> roles;
        if (element.getEmptyRoleSemantic() == ServletSecurity.EmptyRoleSemantic.DENY) {
            roles = Set.of();
        } else {
            roles = element.getRolesAllowed().length == 0 ? null : Set.of(element.getRolesAllowed());
        }
        boolean confidential = element.getTransportGuarantee() == ServletSecurity.TransportGuarantee.CONFIDENTIAL;
        return new Entry(new ServletPathSpec(pattern), methods, omissions, roles, confidential);
    }

    Decision decide(String path, String method) {
        Entry best = null;
        boolean covered = false;
        for (Entry entry : entries) {
            if (!entry.pattern().matches(path)) {
                continue;
            }
            covered = true;
            if (entry.appliesTo(method) && (best == null || better(entry.pattern(), best.pattern()))) {
                best = entry;
            }
        }
        if (best == null) {
            return covered && denyUncovered ? new Decision(true, Set.of(), false) : Decision.OPEN;
        }
        return combine(best.pattern().getDeclaration(), method);
    }

    private Decision combine(String declaration, String method) {
        Set<String> roles = new HashSet<>();
        boolean anyone = false;
        boolean nobody = false;
        boolean confidential = true;
        for (Entry entry : entries) {
            if (!entry.pattern().getDeclaration().equals(declaration) || !entry.appliesTo(method)) {
                continue;
            }
            if (entry.roles() == null) {
                anyone = true;
            } else if (entry.roles().isEmpty()) {
                nobody = true;
            } else {
                roles.addAll(entry.roles());
            }
            confidential &= entry.confidential();
        }
        if (nobody) {
            return new Decision(true, Set.of(), confidential);
        }
        return new Decision(false, anyone ? null : roles, confidential);
    }

    private static boolean better(ServletPathSpec candidate, ServletPathSpec current) {
        int a = rank(candidate.getGroup());
        int b = rank(current.getGroup());
        if (a != b) {
            return a < b;
        }
        return candidate.getSpecLength() > current.getSpecLength();
    }

    private static int rank(PathSpecGroup group) {
        return switch (group) {
            case EXACT, ROOT -> 0;
            case PREFIX_GLOB -> 1;
            case SUFFIX_GLOB -> 2;
            default -> 3;
        };
    }
}
