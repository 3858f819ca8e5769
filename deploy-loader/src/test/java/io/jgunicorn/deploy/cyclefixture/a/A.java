package io.jgunicorn.deploy.cyclefixture.a;

import io.jgunicorn.deploy.cyclefixture.b.B;

/** Half of a deliberate package cycle, for {@code LoaderArchitectureTest.eachRuleBites} (not part of the loader). */
public final class A {
    public B b() { return null; }
}
