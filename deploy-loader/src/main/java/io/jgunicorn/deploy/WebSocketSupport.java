package io.jgunicorn.deploy;

import io.jgunicorn.bridge.deployment.InitializerDef;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.deploy.classloading.WebSocketRuntime;
import io.jgunicorn.deploy.scan.ClassIndex;
import io.jgunicorn.deploy.scan.InitializerScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Jakarta WebSocket for WARs, as Tomcat gives every application: the WebSocket runtime's
 * initializer ({@code io.jgunicorn.websocket.WebSocketInitializer}, Tyrus underneath) with the
 * classes Tyrus handles, found in the class files of {@code WEB-INF/classes} and {@code WEB-INF/lib}:
 * {@code @ServerEndpoint} classes and {@code ServerApplicationConfig} or {@code Endpoint}
 * implementations (an application whose framework registers endpoints programmatically, as Spring
 * does, ships such a class in its jars). It runs before the application's own initializers, so the
 * {@code ServerContainer} attribute is there when they look for it. Applications with none of these
 * start exactly as before and never load the runtime.
 */
final class WebSocketSupport {

    private WebSocketSupport() {}

    static WebAppDescriptor apply(WebAppDescriptor d, ClassIndex index, String name) {
        return apply(d, index, name, WebSocketRuntime::available);
    }

    static WebAppDescriptor apply(WebAppDescriptor d, ClassIndex index, String name, BooleanSupplier runtimeAvailable) {
        List<String> endpoints = InitializerScanner.matches(index, WebSocketRuntime.HANDLES_TYPES);
        if (endpoints.isEmpty()) {
            return d;
        }
        if (!runtimeAvailable.getAsBoolean()) {
            System.getLogger(WebSocketSupport.class.getName()).log(System.Logger.Level.WARNING,
                    name + " has WebSocket endpoints, but this jgunicorn has no WebSocket runtime (lib/websocket); they are not served");
            return d;
        }
        List<InitializerDef> initializers = new ArrayList<>();
        initializers.add(new InitializerDef(WebSocketRuntime.INITIALIZER, endpoints));
        initializers.addAll(d.initializers());
        return Descriptors.with(d, initializers, d.servlets(), d.servletMappings());
    }
}
