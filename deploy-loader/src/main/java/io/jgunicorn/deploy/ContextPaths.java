package io.jgunicorn.deploy;

/** Context path spelling: "" for the root, otherwise "/a/b" with no trailing slash. */
public final class ContextPaths {

    private ContextPaths() {}

    public static String normalize(String path) {
        if (path == null) {
            return "";
        }
        String p = path.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        return p.startsWith("/") ? p : "/" + p;
    }
}
