package io.jgunicorn.container.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code logconfig}: a user's Logback XML replaces jgunicorn's logging setup. */
final class LogConfigFile {

    private LogConfigFile() {}

    /** Checks the file before a worker starts, so a bad one is a startup error naming it. */
    static void check(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("logconfig " + file + ": no such readable file");
        }
    }

    static void apply(LoggerContext ctx, Path file) {
        check(file);
        ctx.reset();
        ctx.getStatusManager().clear();
        JoranConfigurator jc = new JoranConfigurator();
        jc.setContext(ctx);
        try {
            jc.doConfigure(file.toFile());
        } catch (JoranException e) {
            throw new IllegalArgumentException("logconfig " + file + ": " + e.getMessage(), e);
        }
        for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() == Status.ERROR) {
                throw new IllegalArgumentException("logconfig " + file + ": " + s.getMessage());
            }
        }
    }
}
