package io.jgunicorn.bridge.security;

import io.jgunicorn.config.RealmPasswords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Users, password hashes and roles from a file the operator writes, one user per line:
 *
 * <pre>
 * # name = hash, role, role...
 * alice = pbkdf2-sha256$210000$c2FsdA==$aGFzaA==, admin, user
 * </pre>
 *
 * A name holding {@code =}, {@code ,}, {@code #} or surrounding space, such as a client certificate's
 * X.500 subject, is written in double quotes ({@code \"} and {@code \\} escaped by a backslash):
 *
 * <pre>
 * "CN=CTS, OU=Java Software, O=Sun Microsystems Inc., L=Burlington, ST=MA, C=US" = pbkdf2-sha256$..., admin
 * </pre>
 *
 * An X.500 name matches however its attributes are spaced or cased ({@code CN=CTS,OU=Java Software}
 * is the same user), as {@link X500Principal#equals} has it.
 *
 * <p>Hashes are PBKDF2-HMAC-SHA256 ({@code pbkdf2-sha256$iterations$salt$hash}, Base64); make one with
 * {@code java -cp servlet-bridge.jar io.jgunicorn.bridge.security.FileRealm} (reads the password from
 * stdin). Plain-text passwords are refused when the file is loaded.
 *
 * <p>DIGEST login never sees the password, so a user who logs in by DIGEST also carries
 * {@code H(name:realm:password)} for the application's realm-name, listed before the roles:
 * {@code digest-sha256$REALM$hex} and/or {@code digest-md5$REALM$hex} (print them with
 * {@code FileRealm --digest NAME REALM}, password on stdin), as Tomcat's realms keep digested
 * credentials for DIGEST.
 */
public final class FileRealm implements Realm {

    private static final String SCHEME = RealmPasswords.SCHEME;

    private record User(String name, String hash, Set<String> roles, Map<String, String> digests) {}

    /** A DIGEST credential in the roles list: {@code digest-sha256$REALM$hex} or {@code digest-md5$REALM$hex}. */
    private static final String DIGEST_PREFIX = "digest-";

    private final Map<String, User> users;
    private final String dummyHash;

    private FileRealm(Map<String, User> users) {
        this.users = Map.copyOf(users);
        this.dummyHash = RealmPasswords.hash("not a password".toCharArray(), 1_000);
    }

    public static FileRealm parse(List<String> lines, String source) {
        Map<String, User> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = line.startsWith("\"") ? closingQuote(line) : 0;
            int eq = nameEnd < 0 ? -1 : line.indexOf('=', nameEnd);
            boolean quoted = nameEnd > 0;
            String[] values = eq < 0 ? new String[0] : line.substring(eq + 1).split(",");
            if (eq <= 0 || values.length == 0 || !values[0].strip().startsWith(SCHEME + "$")
                    || quoted && !line.substring(nameEnd + 1, eq).isBlank()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 'name = " + SCHEME + "$..., roles'"
                        + " (a name with = , # or surrounding space in double quotes)");
            }
            Set<String> roles = new LinkedHashSet<>();
            Map<String, String> digests = new HashMap<>();
            for (int r = 1; r < values.length; r++) {
                String v = values[r].strip();
                if (v.startsWith(DIGEST_PREFIX + "sha256$") || v.startsWith(DIGEST_PREFIX + "md5$")) {
                    int first = v.indexOf('$');
                    int last = v.lastIndexOf('$');
                    if (last <= first) {
                        throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 'digest-sha256$REALM$hex'");
                    }
                    String algorithm = v.startsWith(DIGEST_PREFIX + "md5$") ? "MD5" : "SHA-256";
                    digests.put(algorithm + "$" + v.substring(first + 1, last), v.substring(last + 1).toLowerCase(java.util.Locale.ROOT));
                } else if (!v.isEmpty()) {
                    roles.add(v);
                }
            }
            String name = quoted ? line.substring(1, nameEnd).replaceAll("\\\\(.)", "$1") : line.substring(0, eq).strip();
            users.put(key(name), new User(name, values[0].strip(), roles, Map.copyOf(digests)));
        }
        return new FileRealm(users);
    }

    @Override
    public UserIdentity authenticate(String username, String password, String authType) {
        if (username == null || password == null) {
            return null;
        }
        User user = users.get(key(username));
        // an unknown user costs a hash too, so response time does not tell which names exist
        boolean ok = RealmPasswords.verify(password.toCharArray(), user == null ? dummyHash : user.hash()) && user != null;
        return ok ? new UserIdentity(user.name(), user.roles(), authType) : null;
    }

    @Override
    public DigestCredential digest(String username, String realmName, String algorithm) {
        User user = username == null ? null : users.get(key(username));
        String ha1 = user == null ? null : user.digests().get(algorithm + "$" + realmName);
        return ha1 == null ? null : new DigestCredential(ha1, new UserIdentity(user.name(), user.roles(), "DIGEST"));
    }

    /** The realm file's DIGEST credentials of a user for a realm name: {@code H(user:realm:password)}, SHA-256 then MD5. */
    public static List<String> digestCredentials(String username, String realmName, char[] password) {
        String a1 = username + ":" + realmName + ":" + new String(password);
        return List.of("digest-sha256$" + realmName + "$" + DigestAuthenticator.hex("SHA-256", a1),
                "digest-md5$" + realmName + "$" + DigestAuthenticator.hex("MD5", a1));
    }

    /** A user whose name is the subject's X.500 name (matched however it is spaced or cased). */
    @Override
    public UserIdentity certificateUser(X500Principal subject, String authType) {
        if (subject == null) {
            return null;
        }
        User user = users.get(key(subject.getName(X500Principal.RFC2253)));
        return user == null ? null : new UserIdentity(user.name(), user.roles(), authType);
    }

    /** Index of the quote that closes the name {@code line} opens with one, or -1. */
    private static int closingQuote(String line) {
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
    }

    /** The lookup key of a user name: an X.500 name in its canonical form, any other name as it is. */
    private static String key(String name) {
        if (name.indexOf('=') < 0) {
            return name;
        }
        try {
            return "x500:" + new X500Principal(name).getName(X500Principal.CANONICAL);
        } catch (IllegalArgumentException notX500) {
            return name;
        }
    }

    /** A new hash for a realm file line ({@link RealmPasswords#hash}). */
    public static String hash(char[] password) {
        return RealmPasswords.hash(password);
    }

    /**
     * Prints the hash of the password read from standard input, for the realm file; with
     * {@code --digest USER REALM} also the DIGEST credentials to list after it (before the roles).
     */
    public static void main(String[] args) throws IOException {
        String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        if (args.length == 3 && args[0].equals("--digest")) {
            List<String> line = new java.util.ArrayList<>(List.of(hash(password.toCharArray())));
            line.addAll(digestCredentials(args[1], args[2], password.toCharArray()));
            System.out.println(String.join(", ", line));
            return;
        }
        System.out.println(hash(password.toCharArray()));
    }
}
