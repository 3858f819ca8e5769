package io.jgunicorn.deploy.archfixture;

/**
 * A stand-in for a deploy-loader type (the loader is not on the container's class path), so that
 * {@code ArchitectureRulesBiteTest} can show a container class that uses the loader fails.
 */
public final class LoaderLike {}
