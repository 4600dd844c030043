package io.jnetlink.testkit;

/**
 * How much longer load and fuzz tests run: the system property {@code jnetlink.stress} (1 in a
 * normal build, 10 under {@code mvn -Pstress}); tests multiply their counts by it.
 */
public final class Stress {

    private Stress() {
    }

    /** The multiplier, at least 1. */
    public static int scale() {
        return Math.max(1, Integer.getInteger("jnetlink.stress", 1));
    }
}
