package io.jgunicorn.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The password hashes of a {@code realm_file} line ({@code NAME = HASH, ROLE, ...}):
 * {@code pbkdf2-sha256$ITERATIONS$SALT$KEY}, salt and key in Base64. Part of the operator's
 * configuration format, so it lives here: {@code jgunicorn hash-password} (container) writes
 * hashes with {@link #hash}, and the servlet bridge's {@code FileRealm} checks them with
 * {@link #verify}; neither needs to know the other.
 */
public final class RealmPasswords {

    /** The scheme every hash starts with ({@code pbkdf2-sha256$}). */
    public static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 210_000;

    private RealmPasswords() {}

    /** A new hash of {@code password}, with a fresh random salt. */
    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
    }

    /** {@link #hash} with another iteration count (tests keep it small). */
    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} matches {@code stored}; false (never an exception) for a malformed hash. */
    public static boolean verify(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
