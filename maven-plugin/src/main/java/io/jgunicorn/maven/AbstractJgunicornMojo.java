package io.jgunicorn.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

/** What the goals that start jgunicorn share: its settings, the JDK it runs on, its class path and command line. */
abstract class AbstractJgunicornMojo extends AbstractMojo {

    static final String MAIN = "io.jgunicorn.container.Main";

    /**
     * Any jgunicorn setting, by its name in docs/settings.md ({@code <workers>4</workers>},
     * {@code <worker_class>gthread</worker_class>}; {@code worker-class} works too). A list setting takes one
     * item per line or comma-separated items; a switch takes {@code true}/{@code false}. Properties named
     * {@code jgunicorn.<setting>} (the POM's {@code <properties>}, then this map, then {@code -D} on the command
     * line, which wins) set them too. An unknown name fails the build.
     */
    @Parameter
    protected Map<String, String> settings;

    /** The JDK (25 or newer) that runs jgunicorn; by default the build's JDK toolchain, Maven's JDK, $JAVA_HOME, ... */
    @Parameter(property = "jgunicorn.javaHome")
    protected File javaHome;

    /** JVM options of the arbiter (split on spaces); the workers' come from the worker_jvm_opts setting. */
    @Parameter(property = "jgunicorn.serverJvmOpts")
    protected String serverJvmOpts;

    /** Skip the goal. */
    @Parameter(property = "jgunicorn.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** This plugin's own dependencies: the server's class path. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    protected List<Artifact> pluginArtifacts;

    @Component
    protected ToolchainManager toolchainManager;

    /** {@code target/jgunicorn}: the plugin's files (pid, log, the exploded WAR). */
    protected Path workDir() {
        return Path.of(project.getBuild().getDirectory(), "jgunicorn");
    }

    protected Path basedir() {
        return project.getBasedir().toPath();
    }

    /** The settings from the POM and the properties, with {@code defaults} under them. */
    protected ServerSettings resolveSettings(Map<String, String> defaults) throws MojoExecutionException {
        try {
            ServerSettings s = new ServerSettings();
            s.putProperties(project.getProperties(), "the POM's property");
            if (settings != null) {
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    s.put(e.getKey(), e.getValue(), "<settings><" + e.getKey() + ">");
                }
            }
            s.putProperties(session.getUserProperties(), "-D");
            defaults.forEach(s::putDefault);
            return s;
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** A control socket under target/ (relative, so that its path stays short), unless one is set. */
    protected void defaultControlSocket(ServerSettings s) {
        if (!s.has("control_socket") && !s.has("no_control_socket")) {
            s.putDefault("control_socket", basedir().relativize(workDir().resolve("jgunicorn.ctl")).toString());
        }
    }

    /** Whether a setting names the app (the plugin then does not add its own). */
    protected static boolean namesApp(ServerSettings s) {
        return s.has("app") || s.has("war") || s.has("paste") || s.has("deploy_dir");
    }

    /** The full command: java, the arbiter's JVM options, the class path, jgunicorn's arguments. */
    protected List<String> command(ServerSettings s) throws MojoExecutionException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java().toString());
        // as the release archive's bin/jgunicorn starts the arbiter
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xms8m");
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:CICompilerCount=1");
        cmd.add("-XX:CompileThresholdScaling=50");
        if (serverJvmOpts != null) {
            for (String o : serverJvmOpts.trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    cmd.add(o);
                }
            }
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(MAIN);
        try {
            cmd.addAll(s.arguments());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        return cmd;
    }

    protected ProcessBuilder processBuilder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(basedir().toFile());
        // HotSpot suspends threads with SIGUSR2; move it, so USR2 stays the arbiter's upgrade signal (bin/jgunicorn)
        pb.environment().putIfAbsent("_JAVA_SR_SIGNUM", "40");
        return pb;
    }

    private Path java() throws MojoExecutionException {
        Path toolchainHome = null;
        Toolchain tc = toolchainManager == null ? null : toolchainManager.getToolchainFromBuildContext("jdk", session);
        if (tc != null && tc.findTool("java") != null) {
            toolchainHome = Path.of(tc.findTool("java")).getParent().getParent();
        }
        try {
            Path java = JavaFinder.find(javaHome == null ? null : javaHome.toPath(), toolchainHome);
            getLog().debug("jgunicorn runs on " + java);
            return java;
        } catch (IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private String classPath() throws MojoExecutionException {
        List<String> entries = new ArrayList<>();
        for (Artifact a : pluginArtifacts) {
            if (a.getFile() == null || "jgunicorn-maven-plugin".equals(a.getArtifactId())
                    // Maven adds plexus-utils 1.1 to every plugin that does not depend on it; jgunicorn does not use it
                    || "org.codehaus.plexus".equals(a.getGroupId()) && "plexus-utils".equals(a.getArtifactId())) {
                continue;
            }
            entries.add(a.getFile().getAbsolutePath());
        }
        if (entries.stream().noneMatch(e -> e.contains("jgunicorn-container"))) {
            throw new MojoExecutionException("the plugin's dependencies hold no jgunicorn-container jar: " + entries);
        }
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }

    protected static void ensureDir(Path dir) throws MojoExecutionException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
