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

    /**
     * @param users {@code name:password:role,role} entries separated by {@code ;} or new lines. A name
     *              may be double-quoted ({@code \"} and {@code \\} inside), so it can hold {@code :} and
     *              {@code ;}; an X.500 name (a client certificate's subject, commas and {@code =} in it)
     *              needs no quotes: {@code CN=CTS, OU=Java Software, C=US:pw:role}
     */
    static Path write(String users, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String entry : entries(users)) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String name;
            String rest;
            if (e.startsWith("\"")) {
                int end = closingQuote(e);
                if (end < 0 || !e.startsWith(":", end + 1)) {
                    throw new IllegalArgumentException("realmUsers entry is not \"name\":password[:roles]: " + e);
                }
                name = e.substring(1, end).replace("\\\"", "\"").replace("\\\\", "\\");
                rest = e.substring(end + 2);
            } else {
                int colon = e.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("realmUsers entry is not name:password[:roles]: " + e);
                }
                name = e.substring(0, colon).strip();
                rest = e.substring(colon + 1);
            }
            String[] parts = rest.split(":", 2);
            String roles = parts.length == 2 ? parts[1].strip() : "";
            lines.add(quote(name) + " = " + hash(parts[0]) + (roles.isEmpty() ? "" : ", " + roles));
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /**
     * A name as jgunicorn's realm file takes it: bare when it has none of {@code = , " \\ #} and no
     * surrounding space, else double-quoted with {@code "} and {@code \\} escaped by a backslash.
     */
    static String quote(String name) {
        if (!name.isEmpty() && name.equals(name.strip()) && name.chars().noneMatch(c -> "=,\"\\#".indexOf(c) >= 0)) {
            return name;
        }
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Splits on {@code ;} and new lines outside double quotes. */
    private static List<String> entries(String users) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < users.length(); i++) {
            char c = users.charAt(i);
            if (quoted && c == '\\' && i + 1 < users.length()) {
                cur.append(c).append(users.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ';' || c == '\n')) {
                out.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

    private static int closingQuote(String e) {
        for (int i = 1; i < e.length(); i++) {
            if (e.charAt(i) == '\\') {
                i++;
            } else if (e.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
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
