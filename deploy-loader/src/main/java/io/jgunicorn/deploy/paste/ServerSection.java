package io.jgunicorn.deploy.paste;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Maps a {@code [server:main]} section's keys onto jgunicorn setting names. */
final class ServerSection {

    private ServerSection() {}

    /**
     * @param section the section's keys and values, as {@link PasteDeploy#serverSettings} reads them;
     *                whether a key is a setting at all is for the caller (the container) to decide
     */
    static Map<String, String> toSettings(Map<String, String> section) {
        Map<String, String> out = new TreeMap<>();
        String host = null;
        String port = null;
        for (var e : section.entrySet()) {
            String key = e.getKey().strip().toLowerCase(Locale.ROOT).replace('-', '_');
            switch (key) {
                case "host" -> host = e.getValue().strip();
                case "port" -> port = e.getValue().strip();
                case "use" -> { } // Paste's choice of server: this one
                default -> out.put(key, e.getValue().strip());
            }
        }
        if (!out.containsKey("bind") && (host != null || port != null)) {
            String h = host == null || host.isEmpty() ? "127.0.0.1" : host;
            out.put("bind", (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + (port == null ? "8000" : port));
        }
        return out;
    }
}
