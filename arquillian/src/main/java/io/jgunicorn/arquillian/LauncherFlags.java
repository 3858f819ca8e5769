package io.jgunicorn.arquillian;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The long flags a jgunicorn launcher knows, read from its {@code --help}: how the adapter detects features. */
final class LauncherFlags {

    private static final Pattern FLAG = Pattern.compile("(--[a-z][a-z0-9-]*)");

    private LauncherFlags() {}

    static Set<String> of(Path launcher) throws IOException {
        Process p = new ProcessBuilder(launcher.toString(), "--help").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(launcher + " --help did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(launcher + " --help exited with " + p.exitValue() + ":\n" + help);
        }
        Set<String> flags = new TreeSet<>();
        Matcher m = FLAG.matcher(help);
        while (m.find()) {
            flags.add(m.group(1));
        }
        return flags;
    }
}
