package io.jgunicorn.examples.jersey;

import jakarta.ws.rs.ApplicationPath;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * No web.xml: Jersey's ServletContainerInitializer sees this {@code @ApplicationPath} subclass
 * (through {@code @HandlesTypes}) and registers its servlet at {@code /api/*}.
 */
@ApplicationPath("/api")
public class JerseyExample extends ResourceConfig {

    public JerseyExample() {
        packages(JerseyExample.class.getPackageName());
    }
}
