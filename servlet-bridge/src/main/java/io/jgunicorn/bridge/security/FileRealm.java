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
 */
public final class FileRealm implements Realm {

    private static final String SCHEME = RealmPasswords.SCHEME;

    private record User(String name, String hash, Set<String> roles) {}

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
            for (int r = 1; r < values.length; r++) {
                if (!values[r].isBlank()) {
                    roles.add(values[r].strip());
                }
            }
            String name = quoted ? line.substring(1, nameEnd).replaceAll("\\\\(.)", "$1") : line.substring(0, eq).strip();
            users.put(key(name), new User(name, values[0].strip(), roles));
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

    /** Prints the hash of the password read from standard input, for the realm file. */
    public static void main(String[] args) throws IOException {
        String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println(hash(password.toCharArray()));
    }
}
