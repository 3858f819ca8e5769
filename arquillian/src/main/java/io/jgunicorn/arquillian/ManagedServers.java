package io.jgunicorn.arquillian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * jgunicorn servers this adapter starts itself. With a deploy directory (jgunicorn's
 * {@code --deploy-dir}), one server takes every archive; without it (an older jgunicorn, or
 * {@code useDeployDir=false}) each archive gets a server of its own,
 * {@code --context-path /NAME --war NAME.war}. {@code auto} tries the first and falls back.
 */
final class ManagedServers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ManagedServers.class.getName());
    /** At most this much of the server's log goes into a failed deployment's message. */
    private static final int FAILURE_LOG_LINES = 60;

    private final JgunicornConfiguration config;
    private final Path workDir;
    private final List<String> common;
    private final String host;
    private ServerProcess dirServer;
    private Target dirTarget;
    private DeployDirectory deployDir;
    private boolean deployedOnce;
    private final Map<String, ServerProcess> perWar = new HashMap<>();

    ManagedServers(JgunicornConfiguration config, Set<String> flags, Path workDir) throws IOException {
        this.config = config;
        this.workDir = workDir;
        this.common = ServerArgs.of(config, flags, workDir);
        String bind = config.getBindAddress();
        this.host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        boolean useDir = config.getUseDeployDir().equals("true")
                || (config.getUseDeployDir().equals("auto") && flags.contains("--deploy-dir"));
        if (useDir) {
            startDirServer();
        }
    }

    private void startDirServer() throws IOException {
        Path dir = config.getDeployDir() != null ? Path.of(config.getDeployDir()) : workDir.resolve("webapps");
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("--deploy-dir", dir.toString()));
        dirServer = ServerProcess.start(config.launcher(), args, workDir);
        try {
            dirTarget = new Target(host, dirServer.awaitListening(startup()), config.secure());
            deployDir = new DeployDirectory(dir);
        } catch (IOException e) {
            if (!fallBack(e)) {
                throw e;
            }
        }
    }

    /** In auto mode a server that cannot serve a deploy directory hands over to one server per archive. */
    private boolean fallBack(IOException why) {
        if (!config.getUseDeployDir().equals("auto") || deployedOnce || dirServer.alive()) {
            return false;
        }
        LOG.info("jgunicorn cannot serve a deploy directory here (" + firstLine(why) + "); one server per archive");
        dirServer.close();
        dirServer = null;
        deployDir = null;
        return true;
    }

    /** Why in-container tests may hang or flake on these servers, or null (see {@link ServerArgs#inContainerCaveat}). */
    String inContainerCaveat() {
        return ServerArgs.inContainerCaveat(common);
    }

    /** Deploys; returns where it answers. Throws with the reason (and the server's log) when it does not. */
    Target deploy(Archive<?> archive, WarMetadata war) throws IOException {
        if (deployDir != null) {
            int mark = dirServer.logMark();
            long start = System.nanoTime();
            String failure = deployDir.deploy(archive, Duration.ofSeconds(config.getDeployTimeoutSeconds()), dirServer::alive);
            if (failure == null) {
                deployedOnce = true;
                LOG.fine(() -> "deployed " + archive.getName() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                return dirTarget;
            }
            if (!fallBack(new IOException(failure))) {
                // the marker holds the cause; the server's own lines about this archive back it up
                String since = dirServer.logSince(mark, FAILURE_LOG_LINES);
                throw new IOException(failure + (since.isEmpty() ? "" : "\njgunicorn's log meanwhile:\n" + since));
            }
        }
        return startPerWar(archive, war);
    }

    private Target startPerWar(Archive<?> archive, WarMetadata war) throws IOException {
        Path file = workDir.resolve("wars").resolve(archive.getName());
        Files.createDirectories(file.getParent());
        archive.as(ZipExporter.class).exportTo(file.toFile(), true);
        List<String> args = new ArrayList<>(common);
        if (!war.contextPath().isEmpty()) {
            args.addAll(List.of("--context-path", war.contextPath()));
        }
        args.addAll(List.of("--war", file.toString()));
        ServerProcess server = ServerProcess.start(config.launcher(), args, workDir);
        perWar.put(archive.getName(), server);
        Target target = new Target(host, server.awaitListening(startup()), config.secure());
        long deadline = System.nanoTime() + Duration.ofSeconds(config.getDeployTimeoutSeconds()).toNanos();
        while (!ReadyProbe.answers(target, war.contextPath(), 10_000)) {
            if (!server.alive() || System.nanoTime() > deadline) {
                String why = server.alive() ? "did not answer in time" : "exited with code " + server.exitCode();
                throw new IOException("jgunicorn serving " + archive.getName() + " " + why + ":\n" + server.log());
            }
            Polling.pause();
        }
        deployedOnce = true;
        return target;
    }

    void undeploy(Archive<?> archive) throws IOException {
        ServerProcess server = perWar.remove(archive.getName());
        if (server != null) {
            server.close();
        } else if (deployDir != null) {
            long start = System.nanoTime();
            deployDir.undeploy(archive.getName(), Duration.ofSeconds(config.getDeployTimeoutSeconds()));
            LOG.fine(() -> "undeployed " + archive.getName() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }

    private Duration startup() {
        return Duration.ofSeconds(config.getStartupTimeoutSeconds());
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        perWar.values().forEach(ServerProcess::close);
        perWar.clear();
        if (dirServer != null) {
            dirServer.close();
        }
    }
}
