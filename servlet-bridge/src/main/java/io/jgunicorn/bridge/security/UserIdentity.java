package io.jgunicorn.bridge.security;

import java.security.Principal;
import java.util.Set;

/** An authenticated user: name, roles from the realm, and how they authenticated (BASIC, FORM, ...). */
public record UserIdentity(String name, Set<String> roles, String authType) implements java.io.Serializable {

    public UserIdentity {
        roles = Set.copyOf(roles);
    }

    public Principal principal() {
        return new UserPrincipal(name);
    }

    /** The Principal handed to applications; equal by name. */
    public record UserPrincipal(String getName) implements Principal, java.io.Serializable {}
}
