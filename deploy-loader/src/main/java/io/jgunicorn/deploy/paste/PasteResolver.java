package io.jgunicorn.deploy.paste;

import io.jgunicorn.bridge.deployment.FilterDef;
import io.jgunicorn.container.spi.AppLoadException;
import io.jgunicorn.deploy.ClassAppDeployer;
import io.jgunicorn.deploy.ContextPaths;
import io.jgunicorn.deploy.Descriptors;
import io.jgunicorn.deploy.WebAppDeployer;
import io.jgunicorn.deploy.api.FilterFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a section of an INI descriptor into a {@link Plan}: follows {@code use}, pipelines,
 * filter-apps, {@code filter-with}, url maps and {@code config:} references across files, carrying
 * the mount point down (a urlmap prefix becomes the context path of what it mounts) and the filters
 * (a filter wraps everything below it, so it is pushed into every application it reaches).
 */
final class PasteResolver {

    static final Set<String> APP_TYPES = Set.of("app", "pipeline", "composite", "filter-app");
    private static final Set<String> URLMAP = Set.of("urlmap", "egg:Paste#urlmap", "egg:paste#urlmap", "call:paste.urlmap:urlmap_factory");

    private final WebAppDeployer wars;
    private final ClassAppDeployer classApps;
    private final ClassLoader classLoader;
    private final List<Path> classpath;
    private final Map<String, String> extraGlobals;
    private final Map<Path, PasteConfig> configs = new HashMap<>();
    /** The sections being resolved, outermost first: a repeat is a cycle. */
    private final List<String> stack = new ArrayList<>();
    /** What was prepared so far, released if a later section fails. */
    private final List<Plan> prepared = new ArrayList<>();

    PasteResolver(WebAppDeployer wars, ClassAppDeployer classApps, ClassLoader classLoader, List<Path> classpath,
                  Map<String, String> extraGlobals) {
        this.wars = wars;
        this.classApps = classApps;
        this.classLoader = classLoader;
        this.classpath = classpath;
        this.extraGlobals = extraGlobals;
    }

    /** The plan for application {@code name} of {@code file}, mounted at {@code contextPath}. */
    Plan resolve(Path file, String name, String contextPath) throws PasteException, AppLoadException {
        try {
            PasteConfig config = config(file);
            return resolve(config, config.find(name, APP_TYPES, null, null), ContextPaths.normalize(contextPath), List.of(), Map.of());
        } catch (PasteException | AppLoadException | RuntimeException e) {
            prepared.forEach(Plan::release);
            throw e;
        }
    }

    PasteConfig config(Path file) throws PasteException {
        Path key = file.toAbsolutePath().normalize();
        PasteConfig c = configs.get(key);
        if (c == null) {
            c = PasteConfig.load(key, extraGlobals);
            configs.put(key, c);
        }
        return c;
    }

    /** @param overrides local keys a {@code config:} reference passes on to the section it names */
    private Plan resolve(PasteConfig config, String sectionId, String mount, List<FilterDef> filters, Map<String, String> overrides)
            throws PasteException, AppLoadException {
        String frame = config.file() + "#" + sectionId;
        if (stack.contains(frame)) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(frame), stack.size()));
            cycle.add(frame);
            throw new PasteException(config.file(), sectionId, null, "reference cycle: " + String.join(" -> ", cycle));
        }
        stack.add(frame);
        try {
            PasteConfig.Section s = config.section(sectionId);
            s.local().putAll(overrides);
            return switch (s.type()) {
                case "app" -> app(s, mount, filters);
                case "pipeline" -> pipeline(s, mount, filters);
                case "filter-app" -> filterApp(s, mount, filters);
                case "composite" -> composite(s, mount, filters);
                default -> throw s.error(null, "a [" + s.type() + ":] section is not an application");
            };
        } finally {
            stack.removeLast();
        }
    }

    private Plan app(PasteConfig.Section s, String mount, List<FilterDef> outer) throws PasteException, AppLoadException {
        List<FilterDef> filters = new ArrayList<>(outer);
        String filterWith = s.local().remove("filter-with");
        if (filterWith != null) {
            filters.add(filter(s.config(), s.config().find(filterWith, Set.of("filter"), s.id(), "filter-with"), s.id(), "filter-with"));
        }
        String use = use(s);
        if (URLMAP.contains(use)) {
            return urlmap(s, mount, filters);
        }
        Scheme scheme = Scheme.parse(use, s);
        return switch (scheme.name()) {
            case "war" -> leaf(s, wars.prepare(s.config().file().getParent().resolve(scheme.target()), mount), filters);
            case "class" -> leaf(s, classApps.prepare(scheme.target(), mount, classLoader, classpath, s.global(), s.local()), filters);
            case "config" -> config(s, scheme.target(), mount, filters, s.local());
            default -> throw s.error("use", "unknown scheme '" + scheme.name() + ":' (expected war:, class:, config: or urlmap)");
        };
    }

    private Plan leaf(PasteConfig.Section s, WebAppDeployer.Prepared p, List<FilterDef> filters) {
        var plan = new Plan.Leaf(s.config().file() + " [" + s.id() + "]",
                new WebAppDeployer.Prepared(Descriptors.withOuterFilters(p.descriptor(), filters), p.resources()));
        prepared.add(plan);
        return plan;
    }

    /**
     * {@code use = config:other.ini#name}: the app of another file. As in Paste Deploy, keys written
     * beside {@code use} override that app's local configuration.
     */
    private Plan config(PasteConfig.Section s, String target, String mount, List<FilterDef> filters, Map<String, String> overrides)
            throws PasteException, AppLoadException {
        int hash = target.lastIndexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String name = hash < 0 ? "main" : target.substring(hash + 1);
        PasteConfig other = config(s.config().file().getParent().resolve(path));
        return resolve(other, other.find(name, APP_TYPES, s.id(), "use"), mount, filters, overrides);
    }

    private Plan pipeline(PasteConfig.Section s, String mount, List<FilterDef> outer) throws PasteException, AppLoadException {
        String[] names = s.required("pipeline").trim().split("\\s+");
        List<FilterDef> filters = new ArrayList<>(outer);
        for (int i = 0; i < names.length - 1; i++) {
            filters.add(filter(s.config(), s.config().find(names[i], Set.of("filter"), s.id(), "pipeline"), s.id(), "pipeline"));
        }
        return resolve(s.config(), s.config().find(names[names.length - 1], APP_TYPES, s.id(), "pipeline"), mount, filters, Map.of());
    }

    private Plan filterApp(PasteConfig.Section s, String mount, List<FilterDef> outer) throws PasteException, AppLoadException {
        String next = s.local().remove("next");
        if (next == null || next.isBlank()) {
            throw s.error("next", "missing required key 'next'");
        }
        List<FilterDef> filters = new ArrayList<>(outer);
        filters.add(filterFrom(s));
        return resolve(s.config(), s.config().find(next, APP_TYPES, s.id(), "next"), mount, filters, Map.of());
    }

    private Plan composite(PasteConfig.Section s, String mount, List<FilterDef> filters) throws PasteException, AppLoadException {
        String use = use(s);
        if (!URLMAP.contains(use)) {
            throw s.error("use", "unknown composite '" + use + "' (expected urlmap or egg:Paste#urlmap)");
        }
        return urlmap(s, mount, filters);
    }

    private Plan urlmap(PasteConfig.Section s, String mount, List<FilterDef> filters) throws PasteException, AppLoadException {
        Map<String, Plan> mounts = new LinkedHashMap<>();
        for (var e : s.local().entrySet()) {
            if (!e.getKey().startsWith("/")) {
                throw s.error(e.getKey(), "urlmap keys are paths starting with '/'");
            }
            String path = ContextPaths.normalize(mount + ContextPaths.normalize(e.getKey()));
            if (mounts.containsKey(path)) {
                throw s.error(e.getKey(), "path '" + path + "' is mapped twice");
            }
            mounts.put(path, resolve(s.config(), s.config().find(e.getValue().strip(), APP_TYPES, s.id(), e.getKey()), path, filters, Map.of()));
        }
        if (mounts.isEmpty()) {
            throw s.error(null, "urlmap maps no paths");
        }
        return new Plan.Router(mounts);
    }

    /** The filter a {@code [filter:]} section (possibly in another file, via config:) declares. */
    private FilterDef filter(PasteConfig config, String filterId, String fromSection, String fromKey) throws PasteException {
        String frame = config.file() + "#" + filterId;
        if (stack.contains(frame)) {
            throw new PasteException(config.file(), fromSection, fromKey, "reference cycle through " + frame);
        }
        stack.add(frame);
        try {
            PasteConfig.Section s = config.section(filterId);
            Scheme scheme = Scheme.parse(use(s), s);
            if (scheme.name().equals("config")) {
                int hash = scheme.target().lastIndexOf('#');
                PasteConfig other = config(config.file().getParent().resolve(hash < 0 ? scheme.target() : scheme.target().substring(0, hash)));
                String name = hash < 0 ? "main" : scheme.target().substring(hash + 1);
                return filter(other, other.find(name, Set.of("filter"), s.id(), "use"), s.id(), "use");
            }
            return filterFrom(s);
        } finally {
            stack.removeLast();
        }
    }

    /** A section whose {@code use = class:X} names a Filter or a FilterFactory. */
    private FilterDef filterFrom(PasteConfig.Section s) throws PasteException {
        Scheme scheme = Scheme.parse(use(s), s);
        if (!scheme.name().equals("class")) {
            throw s.error("use", "a filter is given as class:NAME (a jakarta.servlet.Filter or " + FilterFactory.class.getName() + ")");
        }
        String name = "paste:" + s.config().file().getFileName() + ":" + s.id();
        return FilterLoading.filterDef(name, scheme.target(), classLoader, s);
    }

    private static String use(PasteConfig.Section s) throws PasteException {
        if (s.use() == null || s.use().isBlank()) {
            throw s.error("use", "missing required key 'use'");
        }
        return s.use().strip();
    }

    /** {@code scheme:target} of a {@code use} value. */
    record Scheme(String name, String target) {
        static Scheme parse(String use, PasteConfig.Section s) throws PasteException {
            int colon = use.indexOf(':');
            if (colon <= 0 || colon == use.length() - 1) {
                throw s.error("use", "expected scheme:target (war:, class:, config:) or urlmap, got '" + use + "'");
            }
            return new Scheme(use.substring(0, colon), use.substring(colon + 1).strip());
        }
    }
}
