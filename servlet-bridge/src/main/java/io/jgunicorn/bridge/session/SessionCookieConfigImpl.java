package io.jgunicorn.bridge.session;

import jakarta.servlet.SessionCookieConfig;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * session-config/cookie-config, changeable only while the context initializes. HttpOnly is on by
 * default (as Tomcat and Jetty do), because session ids have no business being read by scripts.
 */
public final class SessionCookieConfigImpl implements SessionCookieConfig {

    private final BooleanSupplier configurable;
    private String name;
    private final Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    SessionCookieConfigImpl(BooleanSupplier configurable, String name, Map<String, String> declared) {
        this.configurable = configurable;
        this.name = name == null || name.isEmpty() ? "JSESSIONID" : name;
        attributes.put("HttpOnly", "");
        declared.forEach((key, value) -> {
            switch (key.toLowerCase(Locale.ROOT)) {
                case "http-only", "httponly" -> setFlag("HttpOnly", Boolean.parseBoolean(value));
                case "secure" -> setFlag("Secure", Boolean.parseBoolean(value));
                case "max-age" -> attributes.put("Max-Age", value);
                default -> attributes.put(key, value);
            }
        });
    }

    private void checkInitializing() {
        if (!configurable.getAsBoolean()) {
            throw new IllegalStateException("servlet context already initialized");
        }
    }

    private void setFlag(String flag, boolean on) {
        if (on) {
            attributes.put(flag, "");
        } else {
            attributes.remove(flag);
        }
    }

    @Override public void setName(String value) { checkInitializing(); name = value; }
    @Override public String getName() { return name; }
    @Override public void setDomain(String domain) { setAttribute("Domain", domain); }
    @Override public String getDomain() { return attributes.get("Domain"); }
    @Override public void setPath(String path) { setAttribute("Path", path); }
    @Override public String getPath() { return attributes.get("Path"); }
    @Override @SuppressWarnings("deprecation") public void setComment(String comment) { checkInitializing(); }
    @Override @SuppressWarnings("deprecation") public String getComment() { return null; }
    @Override public void setHttpOnly(boolean httpOnly) { checkInitializing(); setFlag("HttpOnly", httpOnly); }
    @Override public boolean isHttpOnly() { return attributes.containsKey("HttpOnly"); }
    @Override public void setSecure(boolean secure) { checkInitializing(); setFlag("Secure", secure); }
    @Override public boolean isSecure() { return attributes.containsKey("Secure"); }
    @Override public void setMaxAge(int maxAge) { setAttribute("Max-Age", Integer.toString(maxAge)); }

    @Override
    public int getMaxAge() {
        String value = attributes.get("Max-Age");
        return value == null ? -1 : Integer.parseInt(value);
    }

    @Override
    public void setAttribute(String attributeName, String value) {
        checkInitializing();
        if (value == null) {
            attributes.remove(attributeName);
        } else {
            attributes.put(attributeName, value);
        }
    }

    @Override public String getAttribute(String attributeName) { return attributes.get(attributeName); }
    @Override public Map<String, String> getAttributes() { return Collections.unmodifiableMap(new TreeMap<>(attributes)); }
}
