package io.jgunicorn.arquillian;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The jgunicorn command-line flags a configuration stands for, common to every managed server
 * (the app source — {@code --deploy-dir} or {@code --war} — is added by the caller).
 */
final class ServerArgs {

    private ServerArgs() {}

    /**
     * @param supported the long flags this launcher's {@code --help} lists; a named setting whose flag
     *                  is missing fails here with a clear message rather than as an unknown flag later
     */
    static List<String> of(JgunicornConfiguration c, Set<String> supported, Path workDir) throws IOException {
        List<String> args = new ArrayList<>(List.of("-b", c.getBindAddress() + ":" + c.getPort()));
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "worker_class", c.getWorkerClass());
        put(settings, "workers", c.getWorkers() > 0 ? String.valueOf(c.getWorkers()) : null);
        put(settings, "threads", c.getThreads() > 0 ? String.valueOf(c.getThreads()) : null);
        put(settings, "realm_file", c.getRealmUsers() != null
                ? RealmFile.write(c.getRealmUsers(), workDir.resolve("realm.properties")).toString()
                : c.getRealmFile());
        put(settings, "certfile", c.getCertfile());
        put(settings, "keyfile", c.getKeyfile());
        put(settings, "ca_certs", c.getCaCerts());
        put(settings, "cert_reqs", c.getCertReqs());
        put(settings, "allowed_trailer_names", c.getAllowedTrailerNames());
        put(settings, "cross_context", c.isCrossContext() ? "true" : null);
        settings.putAll(parseSettings(c.getSettings()));
        for (Map.Entry<String, String> s : settings.entrySet()) {
            String flag = flag(s.getKey());
            if (!supported.isEmpty() && !supported.contains(flag)) {
                throw new IllegalArgumentException("this jgunicorn has no setting " + s.getKey() + " (" + flag + ")");
            }
            args.add(flag);
            if (!s.getValue().equals("true")) {
                args.add(s.getValue());
            }
        }
        if (!settings.containsKey("control_socket") && supported.contains("--no-control-socket")) {
            args.add("--no-control-socket"); // several servers side by side must not share one socket
        }
        args.addAll(ShellWords.split(c.getJgunicornArgs()));
        return args;
    }

    static String flag(String setting) {
        return "--" + setting.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code name=value} per line or separated by {@code ;}; a bare name is a switch. */
    static Map<String, String> parseSettings(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String item : text.split("[;\\n]")) {
            String s = item.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int eq = s.indexOf('=');
            out.put(eq < 0 ? s : s.substring(0, eq).strip(), eq < 0 ? "true" : s.substring(eq + 1).strip());
        }
        return out;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value.strip());
        }
    }
}
