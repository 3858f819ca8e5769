package io.jgunicorn.container.archfixture.a;

import io.jgunicorn.container.archfixture.b.B;

/** Half of a deliberate package cycle, for {@code ArchitectureRulesBiteTest} (not part of the container). */
public final class A {
    public B b() { return null; }
}
