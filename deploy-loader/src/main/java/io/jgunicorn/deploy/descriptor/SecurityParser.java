package io.jgunicorn.deploy.descriptor;

import io.jgunicorn.bridge.deployment.SecurityDef;
import io.jgunicorn.bridge.deployment.SessionConfigDef;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The security and session parts of a descriptor, kept apart so the main parser stays one screen a method. */
final class SecurityParser {

    private SecurityParser() {}

    static void read(XmlElement root, WebXml w) {
        for (XmlElement c : root.all("security-constraint")) {
            constraints(c, w);
        }
        XmlElement login = root.child("login-config");
        if (login != null) {
            w.hasLoginConfig = true;
            w.authMethod = upper(login.text("auth-method"));
            w.realmName = login.text("realm-name");
            XmlElement form = login.child("form-login-config");
            if (form != null) {
                w.formLoginPage = form.text("form-login-page");
                w.formErrorPage = form.text("form-error-page");
            }
        }
        for (XmlElement r : root.all("security-role")) {
            w.roles.add(r.text("role-name"));
        }
    }

    /** One {@link SecurityDef.Constraint} per web-resource-collection, sharing the element's auth and transport rules. */
    private static void constraints(XmlElement c, WebXml w) {
        XmlElement auth = c.child("auth-constraint");
        Set<String> roles = auth == null ? null : new LinkedHashSet<>(auth.texts("role-name"));
        XmlElement udc = c.child("user-data-constraint");
        String guarantee = udc == null || udc.text("transport-guarantee") == null ? "NONE" : upper(udc.text("transport-guarantee"));
        for (XmlElement col : c.all("web-resource-collection")) {
            w.constraints.add(new SecurityDef.Constraint(col.texts("url-pattern"), Set.copyOf(col.texts("http-method")),
                    Set.copyOf(col.texts("http-method-omission")), roles, guarantee));
        }
    }

    static SessionConfigDef sessionConfig(XmlElement s) {
        String timeout = s.text("session-timeout");
        String cookieName = SessionConfigDef.DEFAULT.cookieName();
        Map<String, String> attrs = new LinkedHashMap<>();
        XmlElement cookie = s.child("cookie-config");
        if (cookie != null) {
            for (XmlElement c : cookie.children()) {
                switch (c.name()) {
                    case "name" -> cookieName = c.text();
                    case "attribute" -> attrs.put(c.text("attribute-name").toLowerCase(Locale.ROOT), WebXmlParser.nullToEmpty(c.text("attribute-value")));
                    default -> attrs.put(c.name(), c.text());
                }
            }
        }
        Set<String> modes = new LinkedHashSet<>();
        for (String m : s.texts("tracking-mode")) {
            modes.add(upper(m));
        }
        int minutes = timeout == null || timeout.isEmpty() ? SessionConfigDef.DEFAULT.timeoutMinutes() : Integer.parseInt(timeout);
        return new SessionConfigDef(minutes, cookieName, attrs, modes);
    }

    private static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }
}
