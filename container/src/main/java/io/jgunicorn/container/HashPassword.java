package io.jgunicorn.container;

import io.jgunicorn.config.RealmPasswords;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code jgunicorn hash-password}: reads one password (from a terminal without echo, twice; else
 * one line of standard input) and prints the hash a {@code realm_file} line takes. An empty or
 * blank password, or more than one line, is refused (exit 1) rather than hashed. The hash format
 * is config's {@link RealmPasswords}, which the servlet bridge's realm checks against.
 */
final class HashPassword {

    static final String USAGE = """
            Usage: jgunicorn hash-password < password.txt
                   jgunicorn hash-password          (at a terminal: asks twice, without echo)
            Prints the hash for a realm_file line: NAME = HASH, ROLE, ROLE
            """;
    static final int MAX_LENGTH = 1024;

    private HashPassword() {}

    static int run(List<String> args, Console console, InputStream in, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE);
            return 0;
        }
        if (!args.isEmpty()) {
            err.println(Main.PROG + " hash-password: error: no arguments are taken (the password is read, never "
                    + "given on the command line, where ps would show it)");
            return 2;
        }
        char[] password;
        try {
            password = console != null && console.isTerminal() ? fromTerminal(console) : check(readAll(in));
        } catch (IllegalArgumentException | IOException e) {
            err.println(Main.PROG + " hash-password: error: " + e.getMessage());
            return 1;
        }
        try {
            out.println(RealmPasswords.hash(password));
            return 0;
        } catch (RuntimeException e) {
            err.println(Main.PROG + ": error: cannot hash: " + e);
            return 1;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] fromTerminal(Console console) {
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            throw new IllegalArgumentException("the two passwords differ");
        }
        return check(new String(first));
    }

    private static String readAll(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_LENGTH + 3);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The password of {@code input}: one line (its line end removed), not blank, not too long. */
    static char[] check(String input) {
        String p = input.endsWith("\r\n") ? input.substring(0, input.length() - 2)
                : input.endsWith("\n") ? input.substring(0, input.length() - 1) : input;
        if (p.isBlank()) {
            throw new IllegalArgumentException("empty password refused");
        }
        if (p.indexOf('\n') >= 0 || p.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("one password, on one line, is read; the input has several lines");
        }
        if (p.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a password of more than " + MAX_LENGTH + " characters is refused");
        }
        return p.toCharArray();
    }
}
