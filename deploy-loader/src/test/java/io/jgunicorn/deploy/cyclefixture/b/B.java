package io.jgunicorn.deploy.cyclefixture.b;

import io.jgunicorn.deploy.cyclefixture.a.A;

/** The other half of the deliberate package cycle of {@code LoaderArchitectureTest.eachRuleBites}. */
public final class B {
    public A a() { return null; }
}
