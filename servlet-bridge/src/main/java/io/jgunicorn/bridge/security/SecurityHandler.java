package io.jgunicorn.bridge.security;

import io.jgunicorn.bridge.ServletContextImpl;
import io.jgunicorn.bridge.spec.ExchangeState;
import io.jgunicorn.bridge.spec.Unwrap;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Authentication and authorization of one context (constraints, login, logout). */
public final class SecurityHandler {

    private final ServletContextImpl context;
    private final Realm realm;

    public SecurityHandler(ServletContextImpl context, Realm realm) {
        this.context = context;
        this.realm = realm == null ? Realm.NONE : realm;
    }

    /** Checks the request against the security constraints; false when a response was already sent. */
    public boolean check(ExchangeState state) throws IOException, ServletException {
        return true;
    }

    public boolean authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        ExchangeState state = Unwrap.state(request);
        if (state != null && state.user() != null) {
            return true;
        }
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return false;
    }

    public void login(HttpServletRequest request, String username, String password) throws ServletException {
        ExchangeState state = Unwrap.state(request);
        if (state == null) {
            throw new ServletException("not a jgunicorn request");
        }
        if (state.user() != null) {
            throw new ServletException("already authenticated as " + state.user().name());
        }
        String authType = context.descriptor().security().authMethod();
        UserIdentity user = realm.authenticate(username, password, authType == null ? "LOGIN" : authType);
        if (user == null) {
            throw new ServletException("login failed for " + username);
        }
        state.user(user);
    }

    public void logout(HttpServletRequest request) throws ServletException {
        ExchangeState state = Unwrap.state(request);
        if (state != null) {
            state.user(null);
        }
    }
}
