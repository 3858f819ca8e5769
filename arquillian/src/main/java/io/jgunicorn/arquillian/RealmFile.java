package io.jgunicorn.arquillian;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Writes jgunicorn's file realm ({@code name = pbkdf2-sha256$iterations$salt$hash, role, ...}) from
 * {@code name:password:role,role} entries, so tests never keep hashes by hand.
 */
final class RealmFile {

    /** Few iterations: a test realm guards nothing, and every login pays for them. */
    private static final int ITERATIONS = 1_000;

    private RealmFile() {}

    static Path write(String users, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String entry : users.split("[;\\n]")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String[] parts = e.split(":", 3);
            if (parts.length < 2) {
                throw new IllegalArgumentException("realmUsers entry is not name:password[:roles]: " + e);
            }
            String roles = parts.length == 3 ? parts[2].strip() : "";
            lines.add(parts[0].strip() + " = " + hash(parts[1]) + (roles.isEmpty() ? "" : ", " + roles));
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "pbkdf2-sha256$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
