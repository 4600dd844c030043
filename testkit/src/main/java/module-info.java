/**
 * Throwaway network namespaces for tests, samples and benchmarks: {@link io.jnetlink.testkit.Sandbox}
 * (a {@code jnltest-*} namespace with a clean-up stack), the JUnit 5 extension that hands one to a
 * test method ({@link io.jnetlink.testkit.NetworkSandbox}), the privilege gate
 * ({@link io.jnetlink.testkit.RequiresNetAdmin}), a throwaway etcd cluster, and small helpers
 * (commands, ping, worker JVMs, our own resources for leak tests, threads blocked in {@code poll}).
 * {@link io.jnetlink.testkit.OwnResources} calls {@code getxattr(2)} through the FFM API: its
 * callers grant native access (tests run on the class path with {@code ALL-UNNAMED}). Needs netlink-core; JUnit Jupiter's API only for the JUnit parts.
 */
module io.jnetlink.testkit {
    requires transitive io.jnetlink.core;
    requires static transitive org.junit.jupiter.api;
    requires java.logging;
    requires java.net.http;

    exports io.jnetlink.testkit;
}
