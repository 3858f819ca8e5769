package io.jgunicorn.bridge.security;

/** Checks credentials: the user with their roles, or null when the name or password is wrong. */
@FunctionalInterface
public interface Realm {

    UserIdentity authenticate(String username, String password, String authType);

    /**
     * CLIENT-CERT: the user a client certificate's subject names, or null when the realm has none by
     * that name. The TLS handshake has verified the certificate against the trusted CAs already; no
     * password is asked. By default nobody is known this way.
     */
    default UserIdentity certificateUser(javax.security.auth.x500.X500Principal subject, String authType) {
        return null;
    }

    /** The realm used when the operator configured none: nobody can log in. */
    Realm NONE = (username, password, authType) -> null;
}
