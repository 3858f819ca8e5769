package io.jgunicorn.container.archfixture.b;

import io.jgunicorn.container.archfixture.a.A;

/** The other half of the deliberate package cycle of {@code ArchitectureRulesBiteTest}. */
public final class B {
    public A a() { return null; }
}
