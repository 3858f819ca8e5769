/**
 * Sessions of one application: {@link io.jgunicorn.bridge.session.SessionManager} (ids, lookup with
 * lazy expiry, creation, invalidation, id change, cookies), {@link io.jgunicorn.bridge.session.HttpSessionImpl},
 * the {@link io.jgunicorn.bridge.session.SessionStore} SPI with its in-memory store, and stores
 * shared by worker processes ({@link io.jgunicorn.bridge.session.SharedSessionStore}, found through
 * {@link io.jgunicorn.bridge.session.SessionStoreProvider}, adapted by
 * {@link io.jgunicorn.bridge.session.SerializingSessionStore}).
 *
 * <p>May use {@code deployment}, {@code jakarta.servlet} and Jetty's cookie parsing; nothing else of
 * the bridge. The application's listeners reach it as {@link io.jgunicorn.bridge.session.SessionEvents}
 * and its context as jakarta's {@code ServletContext}, both given by {@code core}.
 */
package io.jgunicorn.bridge.session;
