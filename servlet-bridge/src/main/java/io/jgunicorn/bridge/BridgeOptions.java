package io.jgunicorn.bridge;

import io.jgunicorn.bridge.security.Realm;
import io.jgunicorn.bridge.session.InMemorySessionStore;
import io.jgunicorn.bridge.session.SessionStore;
import java.util.function.Supplier;

/**
 * What the operator (not the WAR) decides for a deployment: the realm users log in against and the
 * store sessions live in.
 *
 * @param realm        checks credentials for login-config and {@code login()}; {@link Realm#NONE} refuses everyone
 * @param sessionStore makes the deployment's session store (one per start); in memory by default
 */
public record BridgeOptions(Realm realm, Supplier<SessionStore> sessionStore) {

    public BridgeOptions {
        realm = realm == null ? Realm.NONE : realm;
        sessionStore = sessionStore == null ? InMemorySessionStore::new : sessionStore;
    }

    public static final BridgeOptions DEFAULTS = new BridgeOptions(null, null);

    public BridgeOptions withRealm(Realm value) {
        return new BridgeOptions(value, sessionStore);
    }

    public BridgeOptions withSessionStore(Supplier<SessionStore> value) {
        return new BridgeOptions(realm, value);
    }
}
