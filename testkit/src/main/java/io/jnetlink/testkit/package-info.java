/**
 * Network tests against the real kernel, each in namespaces of its own. {@link io.jnetlink.testkit.Sandbox}
 * makes a {@code jnltest-<random>} namespace (more on demand, veth parents, temporary directories) and
 * removes all of it on close. JUnit 5 tests annotated {@link io.jnetlink.testkit.NetworkSandbox} take a
 * {@code Sandbox}, a {@link io.jnetlink.testkit.VethParent} or a {@link io.jnetlink.testkit.SandboxDirectory}
 * path as parameters, removed after the test whatever its outcome; {@link io.jnetlink.testkit.SandboxParameter}
 * adds parameters of your own built on the sandbox. Without {@code CAP_NET_ADMIN} and
 * {@code CAP_SYS_ADMIN} such tests are skipped with the reason, and fail under CI ({@code CI=true});
 * {@link io.jnetlink.testkit.Prerequisites} is that rule, for prerequisites of your own too. Also here:
 * throwaway etcd clusters ({@link io.jnetlink.testkit.EtcdCluster}), commands, ping and worker JVMs; and
 * for leak and wake-up tests, what the process holds of jnetlink's own ({@link io.jnetlink.testkit.OwnResources})
 * and whether a thread is blocked in {@code poll} ({@link io.jnetlink.testkit.NativeThreads}).
 */
package io.jnetlink.testkit;
