package io.jgunicorn.bridge.deployment;

import java.util.List;

/**
 * What the application declares of its naming environment ({@code java:comp/env}) and of
 * injection (Servlet 6.1 section 15.5): web.xml's and the fragments' {@code env-entry},
 * {@code resource-ref} and {@code resource-env-ref}. The deploy loader binds them (with the
 * resources of {@code META-INF/context.xml} and the operator's file); the bridge injects
 * {@code @Resource} from that environment and runs {@code @PostConstruct} / {@code @PreDestroy}
 * unless the descriptor is metadata-complete.
 *
 * @param entries     env-entry declarations (the value may be null: then nothing is bound)
 * @param references  resource-ref and resource-env-ref declarations
 * @param annotations false when web.xml is metadata-complete: no injection, no lifecycle annotations
 */
public record EnvironmentDef(List<EnvEntry> entries, List<ResourceRef> references, boolean annotations) {

    public static final EnvironmentDef NONE = new EnvironmentDef(List.of(), List.of(), true);

    public EnvironmentDef {
        entries = List.copyOf(entries);
        references = List.copyOf(references);
    }

    /** {@code <env-entry>}: name relative to java:comp/env, Java type (java.lang.String when absent), value or null. */
    public record EnvEntry(String name, String type, String value) {}

    /** {@code <resource-ref>} ({@code env} false) or {@code <resource-env-ref>} ({@code env} true). */
    public record ResourceRef(String name, String type, boolean env) {}
}
