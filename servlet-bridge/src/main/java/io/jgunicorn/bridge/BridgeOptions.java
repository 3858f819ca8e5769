package io.jgunicorn.bridge;

import io.jgunicorn.bridge.deployment.WebAppDescriptor;
import io.jgunicorn.bridge.security.Realm;
import io.jgunicorn.bridge.session.InMemorySessionStore;
import io.jgunicorn.bridge.session.SerializingSessionStore;
import io.jgunicorn.bridge.session.SessionStore;
import io.jgunicorn.bridge.session.SharedSessionStore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the operator (not the WAR) decides for a deployment: the realm users log in against and the
 * store sessions live in.
 *
 * @param realm        checks credentials for login-config and {@code login()}; {@link Realm#NONE} refuses everyone
 * @param sessionStore makes a deployment's session store (one per start); in memory by default
 */
public record BridgeOptions(Realm realm, Function<WebAppDescriptor, SessionStore> sessionStore) {

    public BridgeOptions {
        realm = realm == null ? Realm.NONE : realm;
        sessionStore = sessionStore == null ? d -> new InMemorySessionStore() : sessionStore;
    }

    public static final BridgeOptions DEFAULTS = new BridgeOptions(null, null);

    public BridgeOptions withRealm(Realm value) {
        return new BridgeOptions(value, sessionStore);
    }

    public BridgeOptions withSessionStore(Supplier<SessionStore> value) {
        return new BridgeOptions(realm, d -> value.get());
    }

    /**
     * Sessions in a store shared by worker processes: {@code open} gets the context's name in the
     * store ({@code /} for the root context) and is called on the context's first session use.
     */
    public BridgeOptions withSharedSessionStore(Function<String, SharedSessionStore> open) {
        return new BridgeOptions(realm, d -> {
            String name = d.contextPath().isEmpty() ? "/" : d.contextPath();
            return new SerializingSessionStore(() -> open.apply(name), d.classLoader());
        });
    }
}
