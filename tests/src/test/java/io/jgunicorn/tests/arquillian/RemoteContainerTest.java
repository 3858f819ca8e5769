package io.jgunicorn.tests.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgunicorn.arquillian.JgunicornConfiguration;
import io.jgunicorn.arquillian.JgunicornContainer;
import io.jgunicorn.tests.Jgunicorn;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The adapter's remote mode, driven as Arquillian drives it (setup, start, deploy, undeploy, stop),
 * against a jgunicorn that already serves hello at {@code /hello}.
 */
class RemoteContainerTest {

    @Test
    void remoteModeDescribesTheRunningApplication() throws Exception {
        try (Jgunicorn server = Jgunicorn.start("--context-path", "/hello", Jgunicorn.exampleWar("hello").toString())) {
            JgunicornConfiguration config = new JgunicornConfiguration();
            config.setMode("remote");
            config.setBaseUrl(server.baseUrl());
            config.validate();
            JgunicornContainer container = new JgunicornContainer();
            container.setup(config);
            container.start();
            WebArchive hello = Archives.helloClasses("hello.war");
            ProtocolMetaData meta = container.deploy(hello);
            HTTPContext http = meta.getContexts(HTTPContext.class).iterator().next();
            assertEquals(server.port(), http.getPort());
            Set<String> names = http.getServlets().stream().map(Servlet::getName).collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("hello", "sleep", "stream")), names.toString());
            Servlet servlet = http.getServletByName("hello");
            assertEquals(server.baseUrl() + "/hello/", servlet.getBaseURI().toString());
            assertTrue(Client.get(servlet.getBaseURI().toURL(), "").body().contains("Hello from jgunicorn!"));
            container.undeploy(hello);
            container.stop();
        }
    }
}
