package io.jgunicorn.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers the jgunicorn container with Arquillian (found through {@code META-INF/services}), and
 * the observer that adds a test's vendor descriptor to its WAR ({@link VendorDescriptors}).
 */
public final class JgunicornExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, JgunicornContainer.class);
        builder.observer(VendorDescriptors.class);
    }
}
