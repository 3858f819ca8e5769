package io.jgunicorn.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts jgunicorn in the background on the built WAR ({@code target/<finalName>.war}, else the exploded
 * {@code target/<finalName>}) and returns once it answers HTTP: for integration tests, with {@code jgunicorn:stop}
 * in {@code post-integration-test}. Its log goes to {@code target/jgunicorn/jgunicorn.log}; the project properties
 * {@code jgunicorn.url} ({@code http://127.0.0.1:PORT/CONTEXT/}) and {@code jgunicorn.port} tell the tests where it
 * is (bind port 0 picks a free port). The server outlives this Maven run until {@code jgunicorn:stop}.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class StartMojo extends AbstractJgunicornMojo {

    static final String STATE = "server.properties";
    private static final Pattern LISTENING = Pattern.compile("Listening at: (https?)://(\\S+):(\\d+) \\((\\d+)\\)");

    /** How long the server may take to answer, in seconds. */
    @Parameter(property = "jgunicorn.startTimeout", defaultValue = "120")
    private int startTimeout;

    /** The path whose answer means the server is up (default: the context path); any status but 502, 503, 504. */
    @Parameter(property = "jgunicorn.readyPath")
    private String readyPath;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("jgunicorn:start skipped");
            return;
        }
        Path work = workDir();
        ensureDir(work);
        Path state = work.resolve(STATE);
        ProcessHandle running = StopMojo.running(state);
        if (running != null) {
            throw new MojoExecutionException("jgunicorn is already running for this project (pid " + running.pid()
                    + ", " + state + "): jgunicorn:stop it first");
        }
        ServerSettings s = resolveSettings(new LinkedHashMap<>());
        defaultControlSocket(s);
        if (!namesApp(s)) {
            s.put("app", builtWar().toString(), "jgunicorn:start");
            getLog().info("jgunicorn:start serves " + s.get("app"));
        }
        Path log = work.resolve("jgunicorn.log");
        List<String> cmd = command(s);
        getLog().debug("starting " + cmd);
        Process p;
        try {
            Files.deleteIfExists(log);
            p = processBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(new File("/dev/null")).start();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot start jgunicorn: " + e.getMessage(), e);
        }
        String contextPath = s.has("context_path") ? s.get("context_path") : "/";
        long deadline = System.nanoTime() + startTimeout * 1_000_000_000L;
        try {
            Matcher listening = awaitListening(p, log, deadline);
            String host = listening.group(2).startsWith("[") || !listening.group(2).contains(":")
                    ? listening.group(2) : "[" + listening.group(2) + "]";
            String base = listening.group(1) + "://" + host + ":" + listening.group(3)
                    + (contextPath.endsWith("/") ? contextPath : contextPath + "/");
            String probe = readyPath == null || readyPath.isBlank() ? base
                    : base.substring(0, base.indexOf('/', base.indexOf("//") + 2)) + (readyPath.startsWith("/") ? "" : "/") + readyPath;
            int status = awaitAnswer(p, log, probe, deadline);
            Properties props = new Properties();
            props.setProperty("pid", String.valueOf(p.pid()));
            props.setProperty("url", base);
            p.toHandle().info().startInstant().ifPresent(t -> props.setProperty("started", t.toString()));
            props.setProperty("graceful_timeout", String.valueOf(RunMojo.graceSeconds(s)));
            try (OutputStream out = Files.newOutputStream(state)) {
                props.store(out, "jgunicorn started by jgunicorn:start; jgunicorn:stop reads this");
            }
            project.getProperties().setProperty("jgunicorn.url", base);
            project.getProperties().setProperty("jgunicorn.port", listening.group(3));
            getLog().info("jgunicorn is serving " + base + " (pid " + p.pid() + ", HTTP " + status + " from GET "
                    + URI.create(probe).getRawPath() + "); log: " + log);
        } catch (MojoExecutionException | IOException | RuntimeException e) {
            Stopping.stop(p.toHandle(), 5);
            if (e instanceof MojoExecutionException m) {
                throw m;
            }
            throw new MojoExecutionException("jgunicorn:start: " + e.getMessage() + "\n" + tail(log), e);
        }
    }

    private Path builtWar() throws MojoExecutionException {
        String dir = project.getBuild().getDirectory();
        String name = project.getBuild().getFinalName();
        File artifact = project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (artifact != null && artifact.isFile() && artifact.getName().endsWith(".war")) {
            return artifact.toPath();
        }
        Path war = Path.of(dir, name + ".war");
        if (Files.isRegularFile(war)) {
            return war;
        }
        Path exploded = Path.of(dir, name);
        if (Files.isDirectory(exploded.resolve("WEB-INF"))) {
            return exploded;
        }
        throw new MojoExecutionException("no built WAR to serve: neither " + war + " nor the exploded " + exploded
                + " exists (bind jgunicorn:start to pre-integration-test, after package; or name the app with the "
                + "war setting)");
    }

    private Matcher awaitListening(Process p, Path log, long deadline) throws MojoExecutionException, IOException {
        while (true) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            }
            checkAlive(p, log, deadline, "no 'Listening at: http(s)://...' line");
            pause();
        }
    }

    private int awaitAnswer(Process p, Path log, String base, long deadline) throws MojoExecutionException {
        String last = "";
        while (true) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(base).toURL().openConnection();
                if (c instanceof HttpsURLConnection https) {
                    trustAnyCertificate(https); // only to see that it answers; the tests bring their own trust
                }
                c.setConnectTimeout(5000);
                c.setReadTimeout(10_000);
                c.setInstanceFollowRedirects(false);
                int status = c.getResponseCode();
                try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
                if (status != 502 && status != 503 && status != 504) {
                    return status;
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.toString();
            }
            checkAlive(p, log, deadline, "no answer from " + base + " (last: " + last + ")");
            pause();
        }
    }

    private void checkAlive(Process p, Path log, long deadline, String what) throws MojoExecutionException {
        if (!p.isAlive()) {
            throw new MojoExecutionException("jgunicorn exited with code " + p.exitValue() + " before it served:\n"
                    + tail(log));
        }
        if (System.nanoTime() > deadline) {
            throw new MojoExecutionException("jgunicorn did not answer within " + startTimeout + " s (" + what
                    + "):\n" + tail(log));
        }
    }

    private static void pause() throws MojoExecutionException {
        try {
            Thread.sleep(100); // polling the log and the port, with a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while waiting for jgunicorn", e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void trustAnyCertificate(HttpsURLConnection c) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, null);
            c.setSSLSocketFactory(ctx.getSocketFactory());
            c.setHostnameVerifier((h, session) -> true);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
