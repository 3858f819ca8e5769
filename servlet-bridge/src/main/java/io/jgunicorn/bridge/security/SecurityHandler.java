package io.jgunicorn.bridge.security;

import io.jgunicorn.bridge.deployment.SecurityDef;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;

/**
 * Authentication (BASIC, DIGEST, FORM and CLIENT-CERT against the deployment's {@link Realm}) and
 * authorization by the application's security constraints. The FORM user lives in the session; a
 * BASIC, DIGEST or CLIENT-CERT user is re-authenticated on every request that needs it, from the header
 * browsers resend or the certificate of the TLS connection.
 */
public final class SecurityHandler {

    static final String SESSION_USER = "io.jgunicorn.security.user";
    static final String SESSION_SAVED_URI = "io.jgunicorn.security.savedUri";
    /** The request attribute of the client's certificate chain (Servlet 6.1 section 3.10). */
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    /** A servlet's {@code @ServletSecurity} (or {@code setServletSecurity}) and the URL patterns it is mapped to. */
    public record ServletConstraint(ServletSecurityElement element, List<String> urlPatterns) {}

    private final ServletContext context;
    private final SecurityDef config;
    private final boolean denyUncovered;
    private final Realm realm;
    private final Set<String> declaredRoles;
    private final Supplier<List<ServletConstraint>> servletConstraints;
    private volatile Constraints constraints;
    private final DigestAuthenticator digest;
    private final RoleMapping roleMapping;

    /**
     * @param context            dispatches to the login and login-error pages
     * @param declaredRoles      the application's roles (a live view: {@code declareRoles} may add to it)
     * @param servletConstraints the servlets' own constraints, asked for once, at the first request
     */
    public SecurityHandler(ServletContext context, SecurityDef config, boolean denyUncovered, Realm realm,
                           Set<String> declaredRoles, Supplier<List<ServletConstraint>> servletConstraints) {
        this.context = context;
        this.config = config;
        this.denyUncovered = denyUncovered;
        this.realm = realm == null ? Realm.NONE : realm;
        this.declaredRoles = declaredRoles;
        this.servletConstraints = servletConstraints;
        this.roleMapping = config.roleMapping().isEmpty() ? RoleMapping.NONE : new RoleMapping(config.roleMapping());
        this.digest = "DIGEST".equals(authMethod())
                ? new DigestAuthenticator(config.realmName() == null ? "jgunicorn" : config.realmName(), context.getContextPath()) : null;
    }

    /** The login-config auth-methods the bridge implements; any other fails the deploy. */
    public static final Set<String> AUTH_METHODS = Set.of("BASIC", "DIGEST", "FORM", "CLIENT-CERT");

    private String authMethod() {
        String method = config.authMethod();
        return method == null ? null : method.toUpperCase(Locale.ROOT);
    }

    /**
     * URL patterns a security-constraint of the descriptor names: {@code setServletSecurity} leaves
     * them alone (Servlet 6.1, ServletRegistration.Dynamic#setServletSecurity).
     */
    public Set<String> declaredPatterns() {
        Set<String> out = new java.util.HashSet<>();
        config.constraints().forEach(c -> out.addAll(c.urlPatterns()));
        return out;
    }

    /** Built on first use: servlet security set by initializers must be known. */
    private Constraints constraints() {
        Constraints built = constraints;
        if (built == null) {
            built = new Constraints(denyUncovered);
            config.constraints().forEach(built::add);
            Set<String> declared = declaredPatterns();
            for (ServletConstraint servlet : servletConstraints.get()) {
                built.add(servlet.element(), servlet.urlPatterns().stream().filter(p -> !declared.contains(p)).toList());
            }
            constraints = built;
        }
        return built;
    }

    /** Checks a REQUEST dispatch; false when this method already answered (401, 403, login page). */
    public boolean check(SecuredRequest state) throws IOException, ServletException {
        HttpServletRequest request = state.request();
        HttpServletResponse response = state.response();
        restoreFormUser(state);
        if ("FORM".equals(authMethod()) && state.pathInContext().endsWith("/j_security_check")) {
            formLogin(state);
            return false;
        }
        Constraints.Decision decision = constraints().decide(state.pathInContext(), request.getMethod());
        if (decision.denied()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        if (decision.confidential() && !request.isSecure()) {
            // no HTTPS port is known to redirect to, so the request is refused rather than sent in clear
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "this resource needs HTTPS");
            return false;
        }
        if (decision.roles() == null) {
            return true;
        }
        if (state.user() == null && !authenticate(state, request, response)) {
            return false;
        }
        if (!permitted(state, decision)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        return true;
    }

    private boolean permitted(SecuredRequest state, Constraints.Decision decision) {
        if (decision.roles().contains("**")) {
            return true;
        }
        for (String role : state.user().roles()) {
            if (decision.roles().contains(role) || decision.roles().contains("*") && declaredRoles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    private void restoreFormUser(SecuredRequest state) {
        if (state.user() == null && "FORM".equals(authMethod())) {
            HttpSession session = state.request().getSession(false);
            if (session != null && session.getAttribute(SESSION_USER) instanceof UserIdentity user) {
                state.user(user);
            }
        }
    }

    /** {@code HttpServletRequest.authenticate}: {@code request} is the application's view of {@code state}'s request. */
    public boolean authenticate(SecuredRequest state, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (state.user() != null) {
            return true;
        }
        String method = authMethod();
        if ("BASIC".equals(method)) {
            UserIdentity user = basicUser(request.getHeader("Authorization"));
            if (user != null) {
                state.user(user);
                return true;
            }
            String realmName = config.realmName() == null ? "jgunicorn" : config.realmName();
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realmName.replace("\"", "") + "\", charset=\"UTF-8\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return false;
        }
        if ("DIGEST".equals(method)) {
            UserIdentity user = digest.authenticate(request, realm);
            if (user != null) {
                state.user(user);
                return true;
            }
            digest.challenge(response, digest.stale(request));
            return false;
        }
        if ("CLIENT-CERT".equals(method)) {
            UserIdentity user = certificateUser(request);
            if (user != null) {
                state.user(user);
                return true;
            }
            // no (valid, known) certificate on this connection: as Tomcat's SSLAuthenticator, 401
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "a client certificate is needed");
            return false;
        }
        if ("FORM".equals(method) && config.formLoginPage() != null) {
            String query = request.getQueryString();
            request.getSession(true).setAttribute(SESSION_SAVED_URI, request.getRequestURI() + (query == null ? "" : "?" + query));
            forward(request, response, config.formLoginPage());
            return false;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
        return false;
    }

    /**
     * The user of the client certificate the TLS handshake verified, if it is in its validity period
     * and its subject is known: to the realm (Tomcat's rule), or to the application's vendor role
     * mapping (GlassFish's {@code security-role-mapping} principal names). The roles are the union
     * of the realm's and the mapping's (by the subject's name, and by group for the realm's roles).
     */
    private UserIdentity certificateUser(HttpServletRequest request) {
        if (!(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain) || chain.length == 0) {
            return null;
        }
        try {
            chain[0].checkValidity();
        } catch (CertificateException expiredOrNotYetValid) {
            return null;
        }
        X500Principal subject = chain[0].getSubjectX500Principal();
        UserIdentity known = realm.certificateUser(subject, HttpServletRequest.CLIENT_CERT_AUTH);
        Set<String> mapped = roleMapping.roles(subject, known == null ? Set.of() : known.roles());
        if (known == null) {
            return roleMapping.names(subject)
                    ? new UserIdentity(subject.getName(X500Principal.RFC2253), mapped, HttpServletRequest.CLIENT_CERT_AUTH)
                    : null;
        }
        if (mapped.isEmpty()) {
            return known;
        }
        Set<String> roles = new java.util.TreeSet<>(known.roles());
        roles.addAll(mapped);
        return new UserIdentity(known.name(), roles, known.authType());
    }

    private UserIdentity basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : realm.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), "BASIC");
    }

    /** POST to j_security_check: on success a fresh session id (no fixation) and back to the saved page. */
    private void formLogin(SecuredRequest state) throws IOException, ServletException {
        HttpServletRequest request = state.request();
        HttpServletResponse response = state.response();
        UserIdentity user = "POST".equals(request.getMethod())
                ? realm.authenticate(request.getParameter("j_username"), request.getParameter("j_password"), "FORM") : null;
        if (user == null) {
            forward(request, response, config.formErrorPage() != null ? config.formErrorPage() : config.formLoginPage());
            return;
        }
        HttpSession session = request.getSession(true);
        if (!session.isNew()) {
            request.changeSessionId();
        }
        session.setAttribute(SESSION_USER, user);
        state.user(user);
        Object saved = session.getAttribute(SESSION_SAVED_URI);
        session.removeAttribute(SESSION_SAVED_URI);
        // as Tomcat's FormAuthenticator: 303 (the follow-up is a GET) where HTTP/1.1 defines it, else 302
        int status = "HTTP/1.1".equals(request.getProtocol()) ? HttpServletResponse.SC_SEE_OTHER : HttpServletResponse.SC_FOUND;
        response.sendRedirect(saved != null ? saved.toString() : request.getContextPath() + "/", status);
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, String page) throws IOException, ServletException {
        RequestDispatcher dispatcher = page == null ? null : context.getRequestDispatcher(page);
        if (dispatcher == null) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        dispatcher.forward(request, response);
    }

    public void login(SecuredRequest state, HttpServletRequest request, String username, String password) throws ServletException {
        if (state.user() != null) {
            throw new ServletException("already authenticated as " + state.user().name());
        }
        String method = authMethod() == null ? "LOGIN" : authMethod();
        UserIdentity user = realm.authenticate(username, password, method);
        if (user == null) {
            throw new ServletException("login failed");
        }
        state.user(user);
        if ("FORM".equals(method)) {
            request.getSession(true).setAttribute(SESSION_USER, user);
        }
    }

    public void logout(SecuredRequest state, HttpServletRequest request) {
        state.user(null);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_USER);
        }
    }
}
