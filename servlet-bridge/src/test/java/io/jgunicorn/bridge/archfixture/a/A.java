package io.jgunicorn.bridge.archfixture.a;

import io.jgunicorn.bridge.archfixture.b.B;

/** Half of a deliberate package cycle, for {@code ArchitectureRulesBiteTest} (not part of the bridge). */
public final class A {
    public B b() { return null; }
}
