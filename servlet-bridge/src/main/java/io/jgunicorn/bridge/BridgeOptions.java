package io.jgunicorn.bridge;

import io.jgunicorn.bridge.deployment.Compression;
import io.jgunicorn.bridge.core.ContextRegistry;
import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.security.Realm;
import io.jgunicorn.bridge.session.InMemorySessionStore;
import io.jgunicorn.bridge.session.SerializingSessionStore;
import io.jgunicorn.bridge.session.SessionStore;
import io.jgunicorn.bridge.session.SharedSessionStore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the operator (not the WAR) decides for a deployment: the realm users log in against, the
 * store sessions live in, and whether the applications served together may reach each other.
 *
 * @param realm        checks credentials for login-config and {@code login()}; {@link Realm#NONE} refuses everyone
 * @param sessionStore makes a deployment's session store (one per start); in memory by default
 * @param contexts     the registry the started context joins, shared with the other applications of
 *                     the same worker; null: it joins none and knows only itself
 * @param crossContext {@code getContext} may return the other contexts of {@code contexts} (setting
 *                     {@code cross_context}, Tomcat's {@code crossContext})
 * @param absoluteRedirects {@code sendRedirect} sends an absolute URL built from the request's scheme, host
 *                     and port (setting {@code absolute_redirects}; Tomcat's {@code useRelativeRedirects="false"});
 *                     otherwise a path-absolute reference, trusting no Host header
 * @param failOnServletStartFailure a load-on-startup servlet whose init fails fails the start (setting
 *                     {@code fail_ctx_if_servlet_start_fails}, Tomcat's {@code failCtxIfServletStartFails});
 *                     otherwise that servlet answers 503 and the application stays deployed
 * @param requireSerializable a shared session store refuses attributes it cannot serialize (setting
 *                     {@code session_require_serializable}); otherwise it keeps them in this worker's memory
 * @param compression  gzip of response bodies (settings {@code compression}, {@code compression_min_size},
 *                     {@code compressible_mime_types}); off by default
 */
public record BridgeOptions(Realm realm, Function<WebAppDescriptor, SessionStore> sessionStore,
                            ContextRegistry contexts, boolean crossContext, boolean absoluteRedirects,
                            boolean failOnServletStartFailure, boolean requireSerializable, Compression compression) {

    public BridgeOptions {
        realm = realm == null ? Realm.NONE : realm;
        sessionStore = sessionStore == null ? d -> new InMemorySessionStore() : sessionStore;
        compression = compression == null ? Compression.OFF : compression;
    }

    public static final BridgeOptions DEFAULTS = new BridgeOptions(null, null, null, false, false, false, false, null);

    public BridgeOptions withRealm(Realm value) {
        return new BridgeOptions(value, sessionStore, contexts, crossContext, absoluteRedirects, failOnServletStartFailure, requireSerializable, compression);
    }

    public BridgeOptions withSessionStore(Supplier<SessionStore> value) {
        return new BridgeOptions(realm, d -> value.get(), contexts, crossContext, absoluteRedirects, failOnServletStartFailure, requireSerializable, compression);
    }

    /**
     * Sessions in a store shared by worker processes: {@code open} gets the context's name in the
     * store ({@code /} for the root context) and is called on the context's first session use.
     */
    public BridgeOptions withSharedSessionStore(Function<String, SharedSessionStore> open) {
        return new BridgeOptions(realm, d -> {
            String name = d.contextPath().isEmpty() ? "/" : d.contextPath();
            return new SerializingSessionStore(() -> open.apply(name), d.classLoader(), requireSerializable);
        }, contexts, crossContext, absoluteRedirects, failOnServletStartFailure, requireSerializable, compression);
    }

    /** Joins {@code registry}; with {@code crossContext} the other contexts there are reachable. */
    public BridgeOptions withContexts(ContextRegistry registry, boolean crossContext) {
        return new BridgeOptions(realm, sessionStore, registry, crossContext, absoluteRedirects, failOnServletStartFailure, requireSerializable, compression);
    }

    /** {@code sendRedirect} with an absolute URL (true) or a path-absolute reference (false, the default). */
    public BridgeOptions withAbsoluteRedirects(boolean value) {
        return new BridgeOptions(realm, sessionStore, contexts, crossContext, value, failOnServletStartFailure, requireSerializable, compression);
    }

    /** See {@code failOnServletStartFailure}. */
    public BridgeOptions withFailOnServletStartFailure(boolean value) {
        return new BridgeOptions(realm, sessionStore, contexts, crossContext, absoluteRedirects, value, requireSerializable, compression);
    }

    /** See {@code requireSerializable}; set it before {@link #withSharedSessionStore}. */
    public BridgeOptions withRequireSerializable(boolean value) {
        return new BridgeOptions(realm, sessionStore, contexts, crossContext, absoluteRedirects, failOnServletStartFailure, value, compression);
    }

    /** See {@code compression}. */
    public BridgeOptions withCompression(Compression value) {
        return new BridgeOptions(realm, sessionStore, contexts, crossContext, absoluteRedirects, failOnServletStartFailure, requireSerializable, value);
    }
}
