package io.jgunicorn.bridge.security;

/** Checks credentials: the user with their roles, or null when the name or password is wrong. */
@FunctionalInterface
public interface Realm {

    UserIdentity authenticate(String username, String password, String authType);

    /** The realm used when the operator configured none: nobody can log in. */
    Realm NONE = (username, password, authType) -> null;
}
