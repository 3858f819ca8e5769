package io.jgunicorn.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Serves the project's web application, exploded, until Ctrl-C: {@code src/main/webapp} with the compiled classes
 * and resources as {@code WEB-INF/classes} and the runtime dependencies as {@code WEB-INF/lib}, copied to
 * {@code target/jgunicorn/webapp} and kept in step once a second while it runs; {@code reload} is on, so a
 * {@code mvn compile} (or the IDE's build) in another window rolls the workers onto the new classes.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class RunMojo extends AbstractJgunicornMojo {

    /** The web sources, copied to the root of the exploded WAR. */
    @Parameter(property = "jgunicorn.warSourceDirectory", defaultValue = "${basedir}/src/main/webapp")
    private File warSourceDirectory;

    /** How often the exploded WAR is brought up to date with the build, in milliseconds. */
    @Parameter(defaultValue = "1000")
    private long scanIntervalMillis;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jgunicorn:run skipped");
            return;
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("reload", "true");
        ServerSettings s = resolveSettings(defaults);
        defaultControlSocket(s);
        ExplodedWebapp webapp = null;
        if (!namesApp(s)) {
            webapp = new ExplodedWebapp(workDir().resolve("webapp"), warSourceDirectory.toPath(),
                    Path.of(project.getBuild().getOutputDirectory()), runtimeJars());
            try {
                webapp.sync();
            } catch (IOException e) {
                throw new MojoExecutionException("cannot assemble " + webapp.directory() + ": " + e.getMessage(), e);
            }
            s.put("app", webapp.directory().toString(), "jgunicorn:run");
            getLog().info("jgunicorn:run serves " + webapp.directory() + " (" + warSourceDirectory + " + "
                    + project.getBuild().getOutputDirectory() + " + the runtime dependencies)");
        }
        List<String> cmd = command(s);
        getLog().debug("starting " + cmd);
        Process process;
        try {
            process = processBuilder(cmd).inheritIO().start();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot start jgunicorn: " + e.getMessage(), e);
        }
        Thread stopper = new Thread(() -> Stopping.stop(process.toHandle(), graceSeconds(s)), "jgunicorn-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            while (!process.waitFor(scanIntervalMillis, TimeUnit.MILLISECONDS)) {
                if (webapp != null) {
                    try {
                        int n = webapp.sync();
                        if (n > 0) {
                            getLog().info("jgunicorn:run: " + n + " file(s) of the web application changed");
                        }
                    } catch (IOException e) {
                        getLog().warn("jgunicorn:run: cannot update " + webapp.directory() + ": " + e.getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Stopping.stop(process.toHandle(), graceSeconds(s));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the server
            }
        }
        int code = process.exitValue();
        if (code != 0) {
            throw new MojoFailureException("jgunicorn exited with code " + code + " (see its log above)");
        }
    }

    static int graceSeconds(ServerSettings s) {
        String g = s.get("graceful_timeout");
        return g == null ? 30 : Integer.parseInt(g);
    }

    private List<Path> runtimeJars() {
        List<Path> jars = new ArrayList<>();
        for (Artifact a : project.getArtifacts()) {
            if (a.getFile() != null && a.getArtifactHandler().isAddedToClasspath()
                    && a.getFile().getName().endsWith(".jar")
                    && (Artifact.SCOPE_COMPILE.equals(a.getScope()) || Artifact.SCOPE_RUNTIME.equals(a.getScope()))) {
                jars.add(a.getFile().toPath());
            }
        }
        return jars;
    }
}
