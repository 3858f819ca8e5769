package io.jgunicorn.bridge.deployment;

import java.util.List;
import java.util.Set;

/**
 * Security as declared by web.xml and {@code @ServletSecurity}.
 *
 * @param constraints  security-constraint elements in declaration order
 * @param authMethod   BASIC, FORM, DIGEST, CLIENT-CERT, or null for none
 * @param realmName    realm-name, or null
 * @param formLoginPage form-login-page, or null
 * @param formErrorPage form-error-page, or null
 * @param roles        declared security roles
 * @param roleMapping  the vendor descriptor's principal-to-role mapping ({@link RoleMappingDef#NONE} if none)
 */
public record SecurityDef(
        List<Constraint> constraints,
        String authMethod,
        String realmName,
        String formLoginPage,
        String formErrorPage,
        Set<String> roles,
        RoleMappingDef roleMapping) {

    public SecurityDef {
        constraints = List.copyOf(constraints);
        roles = Set.copyOf(roles);
        roleMapping = roleMapping == null ? RoleMappingDef.NONE : roleMapping;
    }

    /** Without a vendor role mapping. */
    public SecurityDef(List<Constraint> constraints, String authMethod, String realmName, String formLoginPage,
                       String formErrorPage, Set<String> roles) {
        this(constraints, authMethod, realmName, formLoginPage, formErrorPage, roles, RoleMappingDef.NONE);
    }

    public static final SecurityDef NONE = new SecurityDef(List.of(), null, null, null, null, Set.of());

    /** The same security with the application's vendor role mapping. */
    public SecurityDef withRoleMapping(RoleMappingDef mapping) {
        return new SecurityDef(constraints, authMethod, realmName, formLoginPage, formErrorPage, roles, mapping);
    }

    /**
     * One web-resource-collection with its auth and user-data constraint.
     *
     * @param urlPatterns       url-pattern values
     * @param httpMethods       http-method values (empty: all methods)
     * @param httpMethodOmissions http-method-omission values
     * @param rolesAllowed      role-name values; null means no auth-constraint (anyone),
     *                          empty means nobody ("deny all"); "*" and "**" as the spec says
     * @param transportGuarantee NONE, INTEGRAL or CONFIDENTIAL
     */
    public record Constraint(
            List<String> urlPatterns,
            Set<String> httpMethods,
            Set<String> httpMethodOmissions,
            Set<String> rolesAllowed,
            String transportGuarantee) {
        public Constraint {
            urlPatterns = List.copyOf(urlPatterns);
            httpMethods = Set.copyOf(httpMethods);
            httpMethodOmissions = Set.copyOf(httpMethodOmissions);
            rolesAllowed = rolesAllowed == null ? null : Set.copyOf(rolesAllowed);
        }
    }
}
