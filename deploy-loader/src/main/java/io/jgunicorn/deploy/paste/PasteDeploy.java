package io.jgunicorn.deploy.paste;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reading parts of an INI descriptor that are not applications. */
public final class PasteDeploy {

    private PasteDeploy() {}

    /**
     * The {@code [server:NAME]} section's keys (interpolated, {@code use} included when present), for the
     * configuration layer to apply as settings; empty when the file has no such section.
     *
     * @throws PasteException naming the file, section and key of a problem
     */
    public static Map<String, String> serverSettings(Path ini, String name, Map<String, String> globals) throws PasteException {
        PasteConfig config = PasteConfig.load(ini, globals);
        if (!config.sectionNames().contains("server:" + name)) {
            return Map.of();
        }
        String id = config.find("server:" + name, Set.of("server"), null, null);
        PasteConfig.Section s = config.section(id);
        Map<String, String> out = new LinkedHashMap<>(s.local());
        if (s.use() != null) {
            out.put("use", s.use());
        }
        return out;
    }
}
