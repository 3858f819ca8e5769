package io.jgunicorn.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian's view of jgunicorn: managed (the adapter starts the servers) or remote (one runs
 * already), chosen by the {@code mode} property. A deployed WAR's context root is its base name;
 * {@link #deploy} reports one {@link Servlet} per servlet the archive declares, so
 * {@code @ArquillianResource URL} points into the application.
 */
public class JgunicornContainer implements DeployableContainer<JgunicornConfiguration> {

    private static final Logger LOG = Logger.getLogger(JgunicornContainer.class.getName());
    /** The servlet the Jakarta servlet protocol adds (through a web-fragment.xml) to run tests inside. */
    static final String SERVLET_PROTOCOL_RUNNER = "ArquillianServletRunnerEE9";

    private JgunicornConfiguration config;
    private ManagedServers managed;
    private RemoteServer remote;
    private Path workDir;
    private String unavailable;
    private boolean cautioned;

    @Override
    public Class<JgunicornConfiguration> getConfigurationClass() {
        return JgunicornConfiguration.class;
    }

    @Override
    public void setup(JgunicornConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        try {
            if (config.remote()) {
                remote = new RemoteServer(config);
                return;
            }
            Set<String> flags = LauncherFlags.of(config.launcher());
            if (config.getCertfile() != null && !flags.contains("--certfile")) {
                // a qualifier for HTTPS next to one for HTTP must not break the suite on a server without TLS
                unavailable = "this jgunicorn has no TLS (--certfile)";
                return;
            }
            workDir = Files.createTempDirectory("jgunicorn-arquillian-");
            managed = new ManagedServers(config, flags, workDir);
        } catch (IOException | IllegalArgumentException e) {
            throw new LifecycleException("could not start jgunicorn: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        if (managed != null) {
            managed.close();
            managed = null;
        }
        if (workDir != null) {
            delete(workDir);
            workDir = null;
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription(config.getProtocol());
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (unavailable != null) {
            throw new DeploymentException("cannot deploy " + archive.getName() + ": " + unavailable);
        }
        try {
            WarMetadata war = WarMetadata.of(archive);
            cautionInContainer(war);
            LocaleEncodings.apply(config.getLocaleEncodings(), archive);
            Target target = managed != null ? managed.deploy(archive, war) : remote.deploy(archive, war);
            return new ProtocolMetaData().addContext(httpContext(target, war));
        } catch (IOException | IllegalArgumentException e) {
            throw new DeploymentException("could not deploy " + archive.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Once per container: an in-container deployment on a server whose shape can hang its callbacks. */
    private void cautionInContainer(WarMetadata war) {
        String caveat = managed != null ? managed.inContainerCaveat() : null;
        if (caveat != null && !cautioned && war.servletNames().contains(SERVLET_PROTOCOL_RUNNER)) {
            cautioned = true;
            LOG.warning("in-container tests in " + war.baseName() + ".war: " + caveat
                    + "; use workers=1 and a worker class that serves requests concurrently (virtual, gthread, async)");
        }
    }

    static HTTPContext httpContext(Target target, WarMetadata war) {
        HTTPContext http = new HTTPContext(target.host(), target.port(), target.secure());
        // the built-in default servlet always exists: an app whose servlets are all registered
        // at run time (Spring, Jersey) still gets a URL with its context path
        Set<String> names = war.servletNames().isEmpty() ? Set.of("default") : war.servletNames();
        for (String name : names) {
            http.add(new Servlet(name, war.contextPath()));
        }
        return http;
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        try {
            if (managed != null) {
                managed.undeploy(archive);
            } else if (remote != null) {
                remote.undeploy(archive);
            }
        } catch (IOException e) {
            throw new DeploymentException("could not undeploy " + archive.getName() + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is not worth failing a test run for
        }
    }
}
