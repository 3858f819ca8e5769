package io.jgunicorn.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.StringAsset;

/**
 * Applies the configured locale-encoding mappings the standard way, as a
 * {@code <locale-encoding-mapping-list>} in the archive's web.xml (created when it has none), so
 * they work on any jgunicorn. Mappings the archive already declares are kept and win.
 */
final class LocaleEncodings {

    private static final String EMPTY_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
            </web-app>
            """;

    private LocaleEncodings() {}

    static void apply(String mappings, Archive<?> archive) throws IOException {
        if (mappings == null || mappings.isBlank()) {
            return;
        }
        StringBuilder list = new StringBuilder("<locale-encoding-mapping-list>");
        for (String pair : mappings.split("[,;\\n]")) {
            String p = pair.strip();
            int eq = p.indexOf('=');
            if (p.isEmpty()) {
                continue;
            }
            if (eq <= 0) {
                throw new IllegalArgumentException("localeEncodings entry is not locale=charset: " + p);
            }
            list.append("<locale-encoding-mapping><locale>").append(p.substring(0, eq).strip()).append("</locale><encoding>")
                    .append(p.substring(eq + 1).strip()).append("</encoding></locale-encoding-mapping>");
        }
        list.append("</locale-encoding-mapping-list>");
        String xml = webXml(archive);
        int open = xml.indexOf("<web-app");
        int at = open < 0 ? -1 : xml.indexOf('>', open) + 1;
        if (at <= 0) {
            throw new IllegalArgumentException("WEB-INF/web.xml of " + archive.getName() + " has no <web-app>");
        }
        // first in the document: a later mapping of the same locale (the archive's own) wins
        archive.add(new StringAsset(xml.substring(0, at) + "\n" + list + xml.substring(at)), "WEB-INF/web.xml");
    }

    private static String webXml(Archive<?> archive) throws IOException {
        Node node = archive.get("WEB-INF/web.xml");
        if (node == null || node.getAsset() == null) {
            return EMPTY_WEB_XML;
        }
        try (InputStream in = node.getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
