package io.jnetlink.testkit;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.testkit.FixtureRun.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.TestExecutionResult.Status.FAILED;
import static org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL;

/**
 * {@link NetworkSandbox} run on fixture classes through the Jupiter engine: what it hands a test,
 * and that everything goes afterwards whatever the outcome ({@link PrerequisitesTest}: when it
 * skips or fails).
 */
@RequiresNetAdmin
class SandboxExtensionTest {

    /** What the fixtures made, for the checks after their run. */
    static final List<String> NAMESPACES = new CopyOnWriteArrayList<>();
    static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();
    static final List<NetlinkSocket> SOCKETS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetEarlierFixtures() {
        NAMESPACES.clear();
        DIRECTORIES.clear();
        SOCKETS.clear();
    }

    @Test
    void parametersAreMadeInTheTestsOneSandboxAndRemovedAfterIt() {
        assertThat(FixtureRun.outcomes(Resolved.class)).singleElement().extracting(Outcome::status).isEqualTo(SUCCESSFUL);

        assertThat(NAMESPACES).hasSize(1);
        assertThat(DIRECTORIES).hasSize(2);
        assertRemoved();
    }

    @Test
    void onAMethodEachInvocationGetsAFreshSandbox() {
        assertThat(FixtureRun.outcomes(MethodLevel.class)).extracting(Outcome::status)
                .containsExactly(SUCCESSFUL, SUCCESSFUL);

        assertThat(NAMESPACES).hasSize(2).doesNotHaveDuplicates();
        assertRemoved();
    }

    @Test
    void aFailingTestStillHasItsNamespacesAndDirectoriesRemoved() {
        assertThat(FixtureRun.outcomes(Failing.class)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(FAILED);
            assertThat(o.message()).isEqualTo("AssertionError: the test fails");
        });

        assertThat(NAMESPACES).hasSize(2);
        assertThat(DIRECTORIES).hasSize(1);
        assertRemoved();
    }

    @Test
    void aParameterFailingHalfWayLeavesNothingOfWhatWasMadeBefore() {
        assertThat(FixtureRun.outcomes(FailsHalfWay.class)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(FAILED);
            assertThat(o.message()).startsWith("ParameterResolutionException: Failed to resolve parameter")
                    .contains("[io.jnetlink.testkit.VethParent arg1]")
                    .contains("veth other0 peer peer0 in " + NAMESPACES.getFirst() + " failed: EEXIST");
        });

        assertThat(NAMESPACES).hasSize(1);
        assertThat(DIRECTORIES).hasSize(1);
        assertRemoved();
    }

    @Test
    void parametersOfYourOwnTypeAreClosedWithTheSandbox() {
        assertThat(FixtureRun.outcomes(OwnParameter.class)).singleElement().extracting(Outcome::status)
                .isEqualTo(SUCCESSFUL);

        assertThat(SOCKETS).hasSize(1).noneMatch(NetlinkSocket::isOpen);
        assertThat(NAMESPACES).hasSize(1);
        assertRemoved();
    }

    @Test
    void withoutTheAnnotationJUnitStillClosesTheSandboxWithTheTest() {
        assertThat(FixtureRun.outcomes(OwnParameterAlone.class)).singleElement().extracting(Outcome::status)
                .isEqualTo(SUCCESSFUL);

        assertThat(SOCKETS).hasSize(1).noneMatch(NetlinkSocket::isOpen);
        assertRemoved();
    }

    @Test
    void aSandboxIsRefusedOutsideATestMethodNamingWhy() {
        assertThat(FixtureRun.outcomes(PerClass.class)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(FAILED);
            assertThat(o.message()).contains("a sandbox belongs to one test: take it in a @Test, @BeforeEach "
                    + "or @AfterEach method, not in SandboxExtensionTest$PerClass");
        });
        assertThat(FixtureRun.outcomes(ByConstructor.class)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(FAILED);
            assertThat(o.message()).contains("a sandbox belongs to one test: take it in a @Test, @BeforeEach "
                    + "or @AfterEach method, not in SandboxExtensionTest$ByConstructor");
        });
        assertThat(NAMESPACES).isEmpty();
    }

    @Test
    void aNamespaceLeftAfterTheCleanUpFailsTheTest() {
        try {
            assertThat(FixtureRun.outcomes(LeavesANamespace.class)).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(FAILED);
                assertThat(o.message()).isEqualTo("AssertionError: network namespaces of the test's sandbox are "
                        + "still there after its clean-up: " + NAMESPACES.subList(1, 2));
            });
        } finally {
            NAMESPACES.stream().filter(NetNs::exists).forEach(NetNs::delete);
        }
    }

    private static void assertRemoved() {
        assertThat(NAMESPACES).noneMatch(NetNs::exists);
        assertThat(NetNs.list()).doesNotContainAnyElementsOf(NAMESPACES);
        assertThat(DIRECTORIES).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    // The fixtures: run only through FixtureRun (nested classes are no test classes of their own).

    @NetworkSandbox
    static class Resolved {
        private Sandbox before;
        private VethParent parentBefore;

        @BeforeEach
        void setUp(Sandbox box, VethParent parent) {
            before = box;
            parentBefore = parent;
        }

        @AfterEach
        void tearDown(Sandbox box, VethParent parent) {
            assertThat(box).isSameAs(before);
            assertThat(parent).isSameAs(parentBefore);
            assertThat(NetNs.exists(box.name())).as("the sandbox is still there in @AfterEach").isTrue();
        }

        @Test
        void test(Sandbox box, VethParent parent, @VethNames(name = "eth1", peer = "wire1") VethParent other,
                  @SandboxDirectory Path data, @SandboxDirectory("leases") Path leases, @SandboxDirectory Path dataAgain) {
            NAMESPACES.add(box.name());
            DIRECTORIES.addAll(List.of(data, leases));
            assertThat(box).isSameAs(before);
            assertThat(parent).isSameAs(parentBefore).isEqualTo(new VethParent("parent0", "peer0"));
            assertThat(other).isEqualTo(new VethParent("eth1", "wire1"));
            assertThat(box.name()).startsWith("jnltest-");
            assertThat(NetNs.exists(box.name())).isTrue();
            String links = Command.check("ip", "-n", box.name(), "-o", "link");
            assertThat(links).contains("parent0@peer0").contains("peer0@parent0").contains("eth1@wire1")
                    .contains("wire1@eth1").doesNotContain("state DOWN");
            assertThat(data).isDirectory().isSameAs(dataAgain).isNotEqualTo(leases);
            assertThat(data.getFileName().toString()).startsWith("jnltest-data-");
            assertThat(leases.getFileName().toString()).startsWith("jnltest-leases-");
        }
    }

    static class MethodLevel {
        @NetworkSandbox
        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void test(int run, Sandbox box) {
            NAMESPACES.add(box.name());
        }
    }

    @NetworkSandbox
    static class Failing {
        @Test
        void test(Sandbox box, VethParent parent, @SandboxDirectory Path data) throws IOException {
            NAMESPACES.add(box.name());
            NAMESPACES.add(box.namespace("extra").description());
            DIRECTORIES.add(data);
            Files.writeString(data.resolve("lease"), "x");
            throw new AssertionError("the test fails");
        }
    }

    @NetworkSandbox
    static class FailsHalfWay {
        @BeforeEach
        void setUp(Sandbox box, @SandboxDirectory Path data) {
            NAMESPACES.add(box.name());
            DIRECTORIES.add(data);
        }

        @Test
        void test(VethParent parent, @VethNames(name = "other0", peer = "peer0") VethParent clash) {
            throw new AssertionError("never runs: peer0 exists already");
        }
    }

    /** A parameter of the test's own type: a route socket in the test's namespace. */
    public static final class SocketParameter extends SandboxParameter<NetlinkSocket> {
        public SocketParameter() {
            super(NetlinkSocket.class);
        }

        @Override
        protected NetlinkSocket create(Sandbox box) {
            NAMESPACES.add(box.name());
            return NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns());
        }
    }

    @NetworkSandbox
    @ExtendWith(SocketParameter.class)
    static class OwnParameter {
        private NetlinkSocket before;

        @BeforeEach
        void setUp(NetlinkSocket socket) {
            before = socket;
        }

        @Test
        void test(NetlinkSocket socket, Sandbox box) {
            SOCKETS.add(socket);
            assertThat(socket).isSameAs(before);
            assertThat(socket.isOpen()).isTrue();
            assertThat(socket.namespace()).contains(box.name());
        }
    }

    @ExtendWith(SocketParameter.class)
    static class OwnParameterAlone {
        @Test
        void test(NetlinkSocket socket) {
            SOCKETS.add(socket);
            assertThat(socket.isOpen()).isTrue();
        }
    }

    @NetworkSandbox
    static class PerClass {
        @BeforeAll
        static void setUpAll(Sandbox box) {
            NAMESPACES.add(box.name());
        }

        @Test
        void test() {
        }
    }

    @NetworkSandbox
    static class ByConstructor {
        ByConstructor(Sandbox box) {
            NAMESPACES.add(box.name());
        }

        @Test
        void test() {
        }
    }

    @NetworkSandbox
    static class LeavesANamespace {
        @Test
        void test(Sandbox box) {
            String late = box.name() + "-late";
            NAMESPACES.addAll(List.of(box.name(), late));
            box.closeLater(() -> NetNs.create(late).close()); // runs after the namespace below is deleted
            box.namespace("late");
        }
    }
}
