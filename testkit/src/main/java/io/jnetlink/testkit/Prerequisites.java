package io.jnetlink.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when this machine lacks something it needs (privileges, a tool, a service): it
 * is skipped with the reason, except under CI ({@code CI=true}), where it fails: CI runs as root,
 * has every tool installed, and must skip nothing. {@link NetworkSandbox}, {@link RequiresNetAdmin}
 * and {@link EtcdCluster} apply it; call it for prerequisites of your own.
 * <pre>{@code
 * if (!Files.isExecutable(PLUGIN)) {
 *     Prerequisites.skipOrFail("have the reference plugins", PLUGIN + " is not installed");
 * }
 * }</pre>
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** Skips the running test (fails it under CI) unless this process may build sandboxes; see {@link Privileges}. */
    public static void requireNetAdmin() {
        Privileges.missing().ifPresent(reason -> skipOrFail("run as root", reason));
    }

    /**
     * Skips the running test with {@code reason}; under CI fails it with
     * "CI must {@code ciMust}: {@code reason}". Never returns normally.
     */
    public static void skipOrFail(String ciMust, String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI must " + ciMust + ": " + reason);
        }
        Assumptions.abort(reason);
    }
}
