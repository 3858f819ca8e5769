package io.jgunicorn.bridge.security;

/** Checks credentials: the user with their roles, or null when the name or password is wrong. */
@FunctionalInterface
public interface Realm {

    UserIdentity authenticate(String username, String password, String authType);

    /**
     * For DIGEST login (RFC 7616), which never sees the password: the user's {@code H(user:realm:password)}
     * in lower-case hex for {@code algorithm} ("SHA-256" or "MD5") and {@code realmName}, with the
     * identity to log in as; null when the realm holds none (the user cannot log in by DIGEST).
     */
    default DigestCredential digest(String username, String realmName, String algorithm) {
        return null;
    }

    /** What a realm knows for DIGEST: the stored {@code H(A1)} and who logs in with it. */
    record DigestCredential(String ha1, UserIdentity user) {}

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
