package io.jgunicorn.container.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error log, in Gunicorn's format: {@code [2026-11-25 10:00:00 +0000] [PID] [INFO] message}.
 * {@code errorlog} "-" is stderr; a file is reopened on USR1 (for logrotate).
 */
public final class Logs {

    private static final String PATTERN = "[%d{yyyy-MM-dd HH:mm:ss Z}] [%pid] [%glevel] %msg%n";
    private static String errorlog = "-";
    private static OutputStreamAppender<ILoggingEvent> appender;

    private Logs() {}

    /** Configures the error log; call once per process, before anything logs. */
    public static synchronized void configure(String errorlogSetting, String loglevel) {
        errorlog = errorlogSetting == null || errorlogSetting.isBlank() ? "-" : errorlogSetting;
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(loglevel));
        appender = newAppender(ctx);
        root.addAppender(appender);
    }

    private static OutputStreamAppender<ILoggingEvent> newAppender(LoggerContext ctx) {
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(PATTERN);
        @SuppressWarnings("unchecked")
        var rules = (java.util.Map<String, java.util.function.Supplier<?>>) ctx.getObject(
                ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new java.util.HashMap<>();
            ctx.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("pid", PidConverter::new);
        rules.put("glevel", LevelConverter::new);
        enc.start();
        OutputStreamAppender<ILoggingEvent> a;
        if ("-".equals(errorlog)) {
            ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
            c.setTarget("System.err");
            a = c;
        } else {
            FileAppender<ILoggingEvent> f = new FileAppender<>();
            f.setFile(errorlog);
            f.setAppend(true);
            a = f;
        }
        a.setContext(ctx);
        a.setEncoder(enc);
        a.setImmediateFlush(true);
        a.start();
        return a;
    }

    /**
     * Configures all logging of a process: a user Logback file ({@code logconfig}) replaces ours
     * entirely; otherwise the error log as {@link #configure} and the access log on its own logger
     * (not passed on to the error log), or no access log when {@code accesslog} is unset.
     *
     * @throws IllegalArgumentException naming the file when the Logback file is missing or invalid
     */
    public static synchronized void configure(String errorlogSetting, String loglevel, String accesslog,
            String logconfig) {
        if (logconfig != null && !logconfig.isBlank()) {
            LogConfigFile.apply((LoggerContext) LoggerFactory.getILoggerFactory(), java.nio.file.Path.of(logconfig));
            return;
        }
        configure(errorlogSetting, loglevel);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger access = ctx.getLogger(AccessLog.LOGGER);
        access.setAdditive(false);
        if (accesslog == null || accesslog.isBlank()) {
            access.setLevel(Level.OFF);
            return;
        }
        access.setLevel(Level.INFO);
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%msg%n");
        enc.start();
        OutputStreamAppender<ILoggingEvent> a;
        if ("-".equals(accesslog)) {
            ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
            c.setTarget("System.out");
            a = c;
        } else {
            FileAppender<ILoggingEvent> f = new FileAppender<>();
            f.setFile(accesslog);
            f.setAppend(true);
            a = f;
        }
        a.setName("access");
        a.setContext(ctx);
        a.setEncoder(enc);
        a.setImmediateFlush(true);
        a.start();
        access.addAppender(a);
    }

    /**
     * Reopens every file log (USR1), so a rotated file is let go: ours and those of a user's
     * {@code logconfig} alike.
     */
    public static synchronized void reopen() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        java.util.Set<FileAppender<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ch.qos.logback.classic.Logger l : ctx.getLoggerList()) {
            for (var it = l.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof FileAppender<ILoggingEvent> f && seen.add(f)) {
                    f.stop();
                    f.start();
                }
            }
        }
    }

    /**
     * {@code capture_output}: System.out and System.err of this process become loggers writing to
     * the error log, as Gunicorn points fds 1 and 2 at it. Only with a file error log: with
     * {@code errorlog = -} the output already goes to stderr.
     */
    public static synchronized void captureOutput() {
        if ("-".equals(errorlog)) {
            return;
        }
        System.setOut(new java.io.PrintStream(new LineLogger(LoggerFactory.getLogger("jgunicorn.stdout"), false),
                true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(new LineLogger(LoggerFactory.getLogger("jgunicorn.stderr"), true),
                true, java.nio.charset.StandardCharsets.UTF_8));
    }

    static Level level(String gunicornLevel) {
        return switch (gunicornLevel == null ? "info" : gunicornLevel.toLowerCase(java.util.Locale.ROOT)) {
            case "debug" -> Level.DEBUG;
            case "warning", "warn" -> Level.WARN;
            case "error", "critical" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    /** {@code %pid}: this process's pid. */
    public static final class PidConverter extends ch.qos.logback.classic.pattern.ClassicConverter {
        private static final String PID = String.valueOf(ProcessHandle.current().pid());

        @Override
        public String convert(ILoggingEvent event) {
            return PID;
        }
    }

    /** {@code %glevel}: Gunicorn's level names (WARNING, not WARN). */
    public static final class LevelConverter extends ch.qos.logback.classic.pattern.ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            Level l = event.getLevel();
            return l == Level.WARN ? "WARNING" : l.toString();
        }
    }
}
