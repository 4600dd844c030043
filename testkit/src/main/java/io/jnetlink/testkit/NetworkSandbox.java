package io.jnetlink.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Network tests in a sandbox of their own: a test method (or its {@code @BeforeEach} and
 * {@code @AfterEach} methods) annotated with this, or in a class annotated with it, may take
 * <ul>
 *   <li>a {@link Sandbox}: a fresh {@code jnltest-<random>} namespace with {@code lo} up, the same
 *       one for every parameter of one test;</li>
 *   <li>a {@link VethParent}: a veth pair in that namespace, both ends up (names from
 *       {@link VethNames}, else {@code parent0}/{@code peer0});</li>
 *   <li>a {@link java.nio.file.Path} annotated {@link SandboxDirectory}: a temporary directory;</li>
 *   <li>parameters of your own types, from a {@link SandboxParameter} registered beside it.</li>
 * </ul>
 * After the test (after its {@code @AfterEach} methods), whatever its outcome, everything made for
 * it is removed, and the test fails if one of its namespaces is still there. Without
 * {@code CAP_NET_ADMIN} and {@code CAP_SYS_ADMIN} the tests it covers are skipped with the reason,
 * or fail under CI ({@code CI=true}), as with {@link RequiresNetAdmin}.
 * <pre>{@code
 * @NetworkSandbox
 * class MacvlanTest {
 *     @Test
 *     void childOnAVethParent(Sandbox box, VethParent parent) {
 *         try (RtNetlink rt = RtNetlink.open(box.ns())) {
 *             rt.links().create(Macvlan.of("mv0", parent.name()));
 *         }
 *     }
 * }
 * }</pre>
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SandboxExtension.class)
public @interface NetworkSandbox {
}
