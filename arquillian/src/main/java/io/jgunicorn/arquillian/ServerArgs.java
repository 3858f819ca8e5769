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
        inContainerDefaults(settings, supported);
        fastDeployDefaults(settings, supported);
        servletSpecDefaults(settings, supported);
        for (Map.Entry<String, String> s : settings.entrySet()) {
            String flag = flag(s.getKey());
            if (!supported.isEmpty() && !supported.contains(flag)) {
                throw new IllegalArgumentException("this jgunicorn has no setting " + s.getKey() + " (" + flag + ")");
            }
            if (s.getValue().equals("false")) {
                continue; // a switch turned off (jgunicorn's switches take no value): say nothing
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

    /**
     * An in-container test holds its request open while Arquillian's servlet protocol calls back to
     * the test JVM (an {@code @ArquillianResource URL} inside the test, a {@code Deployer}) and while
     * the test calls its own application: the worker running it must answer other requests meanwhile,
     * and the callbacks must reach that same worker. So, unless the configuration says otherwise, one
     * worker process ({@code WEB_CONCURRENCY} in the environment would give more) of the
     * {@code virtual} class (jgunicorn's default, {@code sync}, answers one request at a time).
     */
    private static void inContainerDefaults(Map<String, String> settings, Set<String> supported) {
        if (supported.isEmpty() || supported.contains("--workers")) {
            settings.putIfAbsent("workers", "1");
        }
        // threads without a class: jgunicorn turns sync into gthread, as Gunicorn does
        if (!settings.containsKey("worker_class") && !settings.containsKey("threads")
                && (supported.isEmpty() || supported.contains("--worker-class"))) {
            settings.put("worker_class", "virtual");
        }
    }

    /**
     * A test run deploys archive after archive, each a roll of the worker processes; these settings
     * (each only when the configuration does not give it, and only on a jgunicorn that has it) make
     * a roll cost about one worker start: {@code deploy_skip_check} (no separate check JVM before the
     * roll; a broken archive still leaves the old workers serving and gets its error in the
     * {@code .failed} marker), a 0.05 s {@code deploy_scan_interval} (the arbiter's default is 1 s),
     * {@code worker_jvm_opts} for a quick JVM start rather than long-run throughput (C1 only,
     * serial GC), and {@code deploy_spare_workers} as many as {@code workers} (each roll goes into
     * worker JVMs started ahead, which only load the new application list; new spares start once
     * the roll is done), and a 1 s {@code keep_alive} ({@code --keep-alive}; jgunicorn's default: 2 s): an old worker
     * serves every connection it holds to its end, and an idle kept-alive one ends only when the
     * keep-alive time passes, so the test client's pooled connection to it (from the test before)
     * is what a roll waits for last; keep-alive itself stays on. Production servers keep
     * jgunicorn's defaults: none of this is theirs.
     */
    private static void fastDeployDefaults(Map<String, String> settings, Set<String> supported) {
        if (supported.contains("--deploy-skip-check")) {
            settings.putIfAbsent("deploy_skip_check", "true");
        }
        if (supported.contains("--deploy-scan-interval")) {
            settings.putIfAbsent("deploy_scan_interval", "0.05");
        }
        if (supported.contains("--worker-jvm-opts")) {
            settings.putIfAbsent("worker_jvm_opts", QUICK_START_JVM_OPTS);
        }
        if (supported.contains("--keep-alive") && !settings.containsKey("keepalive")) {
            settings.putIfAbsent("keep_alive", "1"); // the setting is keepalive, its flag --keep-alive
        }
        if (supported.contains("--deploy-spare-workers")) {
            settings.putIfAbsent("deploy_spare_workers", settings.getOrDefault("workers", "1"));
        }
    }

    /**
     * Where the Servlet specification's default and jgunicorn's differ by an option, a test server
     * takes the specification's (unless the configuration names the setting): {@code absolute_redirects},
     * an absolute {@code Location} from {@code sendRedirect}, which the Servlet TCK checks (Tomcat runs
     * it under {@code STRICT_SERVLET_COMPLIANCE}, which does the same).
     */
    private static void servletSpecDefaults(Map<String, String> settings, Set<String> supported) {
        if (supported.contains("--absolute-redirects")) {
            settings.putIfAbsent("absolute_redirects", "true");
        }
    }

    /** What {@link #fastDeployDefaults} gives a worker JVM: startup over peak throughput. */
    static final String QUICK_START_JVM_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /**
     * Why in-container tests may hang or flake on a server started with {@code args} (the last of a
     * repeated flag wins, as on jgunicorn's command line), or null when they will not.
     */
    static String inContainerCaveat(List<String> args) {
        String workers = "1";
        String workerClass = "sync";
        String threads = "1";
        List<String> words = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            words.addAll(a.startsWith("--") && eq > 0 ? List.of(a.substring(0, eq), a.substring(eq + 1)) : List.of(a));
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            switch (words.get(i)) {
                case "-w", "--workers" -> workers = words.get(i + 1);
                case "-k", "--worker-class" -> workerClass = words.get(i + 1);
                case "--threads" -> threads = words.get(i + 1);
                default -> { }
            }
        }
        if (!workers.equals("1")) {
            return "with " + workers + " workers, the servlet protocol's callbacks from a test to the test JVM "
                    + "(@ArquillianResource URL inside the test, Deployer) reach the worker running it only by chance";
        }
        if (workerClass.equals("sync") && threads.equals("1")) {
            return "a sync worker answers one request at a time, so a test calling back to the test JVM "
                    + "(@ArquillianResource URL inside the test, Deployer) or to its own application waits for itself";
        }
        return null;
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
