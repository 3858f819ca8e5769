package io.jgunicorn.container.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Gunicorn's {@code gunicorn.log.critical/error/warning/exception} StatsD counters: one per log call
 * at that level, whether or not {@code loglevel} lets the line through (as in Gunicorn). An error
 * with an exception counts as {@code exception} only, as Gunicorn's {@code log.exception} does;
 * Logback has no CRITICAL level, so {@code critical} counts errors logged with a CRITICAL marker.
 * A turbo filter sees every call; it survives a reconfiguration of Logback.
 */
final class LogCounter extends TurboFilter implements LoggerContextListener {

    private final Statsd statsd;

    private LogCounter(Statsd statsd) {
        this.statsd = statsd;
    }

    /** Starts counting into {@code statsd}; returns what {@link #uninstall} takes, or null without Logback. */
    static LogCounter install(Statsd statsd) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return null;
        }
        LogCounter c = new LogCounter(statsd);
        c.setContext(ctx);
        c.start();
        ctx.addTurboFilter(c);
        ctx.addListener(c);
        return c;
    }

    /** Stops counting (the StatsD target is closing, e.g. replaced on reload). */
    void uninstall() {
        if (getContext() instanceof LoggerContext ctx) {
            ctx.removeListener(this);
            ctx.getTurboFilterList().remove(this);
        }
        stop();
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
            Object[] params, Throwable t) {
        if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN)
                || logger.getName().startsWith("jgunicorn.statsd")) {
            return FilterReply.NEUTRAL; // an isEnabled() check, or not counted
        }
        String name;
        if (level == Level.WARN) {
            name = "gunicorn.log.warning";
        } else if (marker != null && marker.contains("CRITICAL")) {
            name = "gunicorn.log.critical";
        } else if (t != null || (params != null && params.length > 0 && params[params.length - 1] instanceof Throwable)) {
            name = "gunicorn.log.exception";
        } else {
            name = "gunicorn.log.error";
        }
        statsd.send(statsd.counter(name, 1));
        return FilterReply.NEUTRAL;
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onReset(LoggerContext context) {
        context.addTurboFilter(this); // a reset (e.g. a user's log config) drops turbo filters
    }

    @Override
    public void onStart(LoggerContext context) {}

    @Override
    public void onStop(LoggerContext context) {}

    @Override
    public void onLevelChange(ch.qos.logback.classic.Logger logger, Level level) {}
}
