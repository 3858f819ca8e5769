package io.jgunicorn.websocket;

import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.tyrus.core.TyrusServerEndpointConfigurator;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * The platform's default configurator (found by the WebSocket API through {@code ServiceLoader},
 * ahead of Tyrus's own, which it extends): Tyrus's behaviour, plus {@code permessage-deflate}
 * (RFC 7692) for every endpoint whose client asks for it, as Tomcat and Jetty offer it, unless the
 * endpoint installed its own. Tyrus only compresses for endpoints that list the extension in their
 * configuration, which annotated endpoints cannot do.
 */
public final class DeflateConfigurator extends TyrusServerEndpointConfigurator {

    static final String NAME = "permessage-deflate";

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        boolean asked = requested != null && requested.stream().anyMatch(e -> NAME.equals(e.getName()));
        if (asked && installed.stream().noneMatch(e -> NAME.equals(e.getName()))) {
            List<Extension> withDeflate = new ArrayList<>(installed);
            withDeflate.add(new PerMessageDeflateExtension());
            installed = withDeflate;
        }
        return super.getNegotiatedExtensions(installed, requested);
    }
}
