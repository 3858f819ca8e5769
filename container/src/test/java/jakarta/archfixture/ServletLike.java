package jakarta.archfixture;

/**
 * A stand-in for a Jakarta type (the real API is not on the container's class path), so that
 * {@code ArchitectureRulesBiteTest} can show a container class that uses {@code jakarta.*} fails.
 */
public final class ServletLike {}
