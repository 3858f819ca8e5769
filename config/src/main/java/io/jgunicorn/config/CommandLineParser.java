package io.jgunicorn.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line, generated from the settings table with picocli's programmatic API: each
 * setting with flags becomes an option; {@code APP} is the positional argument.
 */
public final class CommandLineParser {

    /** What the command line asks for besides running. */
    public enum Action { RUN, HELP, VERSION }

    /**
     * Values given on one command line (typed, by setting name), the action asked for, and one
     * warning per Gunicorn flag that has no meaning here (accepted and ignored).
     */
    public record Parsed(Map<String, Object> values, Action action, List<String> warnings) {
        public Parsed {
            warnings = List.copyOf(warnings);
        }

        public Parsed(Map<String, Object> values, Action action) {
            this(values, action, List.of());
        }
    }

    private final Map<String, Setting> byFlag = new TreeMap<>();
    private static final Map<String, SettingsDoc.Absent> ABSENT_BY_FLAG = absentByFlag();

    public CommandLineParser() {
        for (Setting s : Settings.all()) {
            for (String f : s.flags()) {
                byFlag.put(f, s);
            }
        }
    }

    /** Gunicorn's flags for settings jgunicorn does not have (those it has under the same flag excluded). */
    private static Map<String, SettingsDoc.Absent> absentByFlag() {
        Map<String, SettingsDoc.Absent> m = new TreeMap<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        Settings.all().forEach(s -> taken.addAll(s.flags()));
        for (SettingsDoc.Absent a : SettingsDoc.ABSENT) {
            for (String f : a.flags()) {
                if (!taken.contains(f)) {
                    m.put(f, a);
                }
            }
        }
        return m;
    }

    /** The picocli model of the command line; also used for --help. */
    public static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("jgunicorn");
        spec.usageMessage()
                .description("Gunicorn's operating model for Jakarta Servlet web applications.")
                .sortOptions(false)
                .footer("", "Commands:",
                        "  jgunicorn ctl [--json] COMMAND   talk to a running arbiter through its control socket:",
                        "                                   show workers|stats|config|listeners|all, reload, "
                                + "worker add [N], ... (jgunicorn ctl help)",
                        "  jgunicorn hash-password          hash a password read from stdin for a realm_file line",
                        "",
                        "Settings: docs/settings.md; every setting is also a config file key (jgunicorn.conf.toml).");
        spec.addPositional(PositionalParamSpec.builder()
                .paramLabel("APP").arity("0..1").type(String.class)
                .description("a WAR file, exploded WAR directory, .ini descriptor or class name "
                        + "(default: the bundled hello app)")
                .build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit").build());
        spec.addOption(OptionSpec.builder("-v", "--version").versionHelp(true).description("show the version and exit").build());
        for (Setting s : Settings.all()) {
            if (s.flags().isEmpty()) {
                continue;
            }
            // picocli formats descriptions with String.format: a literal % (access_log_format) is doubled
            OptionSpec.Builder b = OptionSpec.builder(s.flags().toArray(String[]::new))
                    .description(s.description().replace("%", "%%"));
            if (s.isSwitch()) {
                b.arity("0").type(boolean.class);
            } else if (s.type() == SettingType.LIST) {
                b.arity("1").type(String[].class).paramLabel(label(s));
            } else if (s.fallbackValue() != null) {
                b.arity("0..1").type(String.class).fallbackValue(s.fallbackValue()).paramLabel(label(s));
            } else {
                b.arity("1").type(String.class).paramLabel(label(s)).preprocessor(DASHED_VALUE);
            }
            spec.addOption(b.build());
        }
        java.util.Set<SettingsDoc.Absent> added = new java.util.HashSet<>();
        for (SettingsDoc.Absent a : ABSENT_BY_FLAG.values()) {
            if (added.add(a)) {
                List<String> names = a.flags().stream().filter(ABSENT_BY_FLAG::containsKey).toList();
                OptionSpec.Builder b = OptionSpec.builder(names.toArray(String[]::new)).hidden(true)
                        .description("Gunicorn's " + a.name() + ": no meaning here, ignored");
                spec.addOption((a.takesValue() ? b.arity("1").type(String.class).paramLabel("IGNORED")
                        : b.arity("0").type(boolean.class)).build());
            }
        }
        return spec;
    }

    /**
     * A value that starts with a dash is taken as the value of an option that requires one:
     * {@code --worker-jvm-opts=-Dx=1} or {@code --worker-jvm-opts "-Dx=1 -Xmx1g"} (picocli would take
     * {@code -D...} for {@code -D}, {@code --daemon}). Options whose value is optional, lists and
     * switches keep picocli's rule, so {@code --proxy-protocol --proxy-allow-from X} stays two options.
     */
    private static final picocli.CommandLine.IParameterPreprocessor DASHED_VALUE = CommandLineParser::dashedValue;

    private static boolean dashedValue(java.util.Stack<String> args, CommandSpec cmd,
                                       picocli.CommandLine.Model.ArgSpec arg, Map<String, Object> info) {
        if (args.isEmpty() || !args.peek().startsWith("-") || args.peek().equals("--")) {
            return false;
        }
        String next = args.peek();
        boolean attached = cmd.parser().separator().equals(info.get("separator")); // else " "
        if (!attached && cmd.findOption(next.contains("=") ? next.substring(0, next.indexOf('=')) : next) != null) {
            return false; // a whole option name: the value is missing, and picocli says so
        }
        arg.setValue(args.pop());
        return true;
    }

    private static String label(Setting s) {
        return s.name().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Parses one command line.
     *
     * @param where "command line" or "JGUNICORN_CMD_ARGS", for error messages
     * @throws UsageException for unknown flags, missing values, surplus arguments
     * @throws ConfigException for a value of the wrong type
     */
    public Parsed parse(String[] args, String where) {
        CommandLine cl = new CommandLine(spec());
        ParseResult pr;
        try {
            pr = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            String msg = e.getMessage();
            throw new UsageException(("command line".equals(where) ? "" : where + ": ") + msg);
        }
        if (pr.isUsageHelpRequested()) {
            return new Parsed(Map.of(), Action.HELP);
        }
        if (pr.isVersionHelpRequested()) {
            return new Parsed(Map.of(), Action.VERSION);
        }
        Map<String, Object> values = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<OptionSpec> given = new ArrayList<>(pr.matchedOptions());
        for (OptionSpec o : cl.getCommandSpec().options()) { // values dashedValue took: picocli lists them nowhere
            if (!pr.hasMatchedOption(o) && o.preprocessor() == DASHED_VALUE && o.getValue() != null) {
                given.add(o);
            }
        }
        for (OptionSpec o : given) {
            SettingsDoc.Absent absent = ABSENT_BY_FLAG.get(o.longestName());
            if (absent != null) {
                warnings.add(("command line".equals(where) ? "" : where + ": ") + String.join("/", o.names())
                        + " (Gunicorn's " + absent.name() + ") has no meaning here and is ignored: " + absent.why());
                continue;
            }
            Setting s = byFlag.get(o.longestName());
            values.put(s.name(), convert(s, o.getValue()));
        }
        if (pr.hasMatchedPositional(0)) {
            values.put("app", pr.matchedPositional(0).getValue());
        }
        return new Parsed(values, Action.RUN, warnings);
    }

    private static Object convert(Setting s, Object raw) {
        if (s.isSwitch()) {
            return Boolean.TRUE;
        }
        if (s.type() == SettingType.LIST) {
            List<String> out = new ArrayList<>();
            for (String item : (String[]) raw) {
                out.addAll(s.name().equals("bind") || s.name().equals("raw_env")
                        ? List.of(item) : SettingType.splitList(item));
            }
            return out;
        }
        return s.type().parse(s.name(), (String) raw);
    }

    /** The --help text. */
    public static String usage() {
        StringWriter w = new StringWriter();
        new CommandLine(spec()).usage(new PrintWriter(w));
        return w.toString();
    }

    /** The version of jgunicorn, from the build. */
    public static String version() {
        try (var in = CommandLineParser.class.getResourceAsStream("/io/jgunicorn/config/version.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static List<String> flags() {
        return Arrays.asList(new TreeMap<>(new CommandLineParser().byFlag).keySet().toArray(String[]::new));
    }
}
