package io.jgunicorn.bridge.deployment;

import java.util.List;

/**
 * A ServletContainerInitializer found in META-INF/services, with the names of the application's
 * classes that match its {@code @HandlesTypes} (found by reading class files, not loading them).
 *
 * @param handlesTypes null when the initializer has no {@code @HandlesTypes}; else the matching class names
 */
public record InitializerDef(String className, List<String> handlesTypes) {
    public InitializerDef {
        handlesTypes = handlesTypes == null ? null : List.copyOf(handlesTypes);
    }
}
