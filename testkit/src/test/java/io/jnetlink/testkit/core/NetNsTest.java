package io.jnetlink.testkit.core;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetNsId;
import io.jnetlink.core.SyscallException;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RequiresNetAdmin
class NetNsTest {

    @Test
    void createdNamespaceShowsInIpNetnsListAndDeleteRemovesIt() {
        String name;
        try (Sandbox box = Sandbox.create()) {
            name = box.name();
            assertThat(NetNs.list()).contains(name);
            assertThat(NetNs.exists(name)).isTrue();
            assertThat(Command.check("ip", "netns", "list")).contains(name);
            // iproute2 can use it: its links are just lo
            assertThat(Command.check("ip", "-n", name, "-o", "link")).contains("lo:").doesNotContain("eth0");
        }
        assertThat(NetNs.list()).doesNotContain(name);
        assertThat(Command.check("ip", "netns", "list")).doesNotContain(name);
    }

    @Test
    void namespaceAddedByIproute2OpensHere() throws Exception {

        String name = Sandbox.randomName();
        Command.check("ip", "netns", "add", name);
        try (NetNs ns = NetNs.named(name); NetNs current = NetNs.current()) {
            assertThat(ns.isSameAs(current)).isFalse();
            assertThat(NetNs.list()).contains(name);
            try (NetNs byPath = NetNs.path(Path.of("/run/netns", name))) {
                assertThat(byPath.isSameAs(ns)).isTrue();
                assertThat(byPath.id()).isEqualTo(ns.id());
            }
        } finally {
            NetNs.delete(name);
        }
        assertThat(Command.check("ip", "netns", "list")).doesNotContain(name);
    }

    @Test
    void creatingAnExistingNameFailsWithEexistAndLeavesItIntact() {
        try (Sandbox box = Sandbox.create()) {
            assertThatThrownBy(() -> NetNs.create(box.name()))
                    .isInstanceOfSatisfying(SyscallException.class,
                            e -> assertThat(e.errnoName()).isEqualTo("EEXIST"))
                    .hasMessage("network namespace " + box.name() + " already exists (create /run/netns/"
                            + box.name() + ": EEXIST)");
            try (NetNs again = NetNs.named(box.name())) {
                assertThat(again.isSameAs(box.ns())).isTrue();
            }
        }
    }

    @Test
    void callRunsInsideTheNamespaceAndTheCallerStaysHome() throws Exception {
        try (Sandbox box = Sandbox.create(); NetNs home = NetNs.current()) {
            NetNsId inside = box.ns().call(() -> {
                try (NetNs here = NetNs.current()) {
                    return here.id();
                }
            });
            assertThat(inside).isEqualTo(box.ns().id());
            try (NetNs after = NetNs.current()) {
                assertThat(after.isSameAs(home)).isTrue();
            }
        }
    }

    @Test
    void callPropagatesTheTasksException() {
        try (Sandbox box = Sandbox.create()) {
            assertThatThrownBy(() -> box.ns().call(() -> {
                throw new java.io.IOException("boom inside");
            })).isInstanceOf(java.io.IOException.class).hasMessage("boom inside");
        }
    }

    @Test
    void namespaceOfAProcessIsTheOneItRunsIn() throws Exception {
        try (NetNs self = NetNs.pid(ProcessHandle.current().pid()); NetNs current = NetNs.current()) {
            assertThat(self.isSameAs(current)).isTrue();
        }
    }

    @Test
    void missingNamespaceFailsWithEnoent() {
        assertThatThrownBy(() -> NetNs.named("jnltest-does-not-exist"))
                .isInstanceOfSatisfying(SyscallException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.call()).contains("/run/netns/jnltest-does-not-exist");
                })
                .hasMessage("network namespace jnltest-does-not-exist does not exist"
                        + " (open /run/netns/jnltest-does-not-exist: ENOENT)");
        assertThatThrownBy(() -> NetNs.delete("jnltest-does-not-exist"))
                .hasMessage("network namespace jnltest-does-not-exist does not exist"
                        + " (delete /run/netns/jnltest-does-not-exist: ENOENT)");
        assertThatThrownBy(() -> NetNs.path(Path.of("/run/netns/jnltest-does-not-exist")))
                .hasMessage("network namespace /run/netns/jnltest-does-not-exist does not exist"
                        + " (open /run/netns/jnltest-does-not-exist: ENOENT)");
        long noSuchPid = Integer.MAX_VALUE; // above pid_max
        assertThatThrownBy(() -> NetNs.pid(noSuchPid))
                .hasMessage("there is no process " + noSuchPid + " (open /proc/" + noSuchPid + "/ns/net: ENOENT)");
    }

    @Test
    void closingACreatedHandleKeepsTheNamespaceDeleteRemovesIt() {
        String name = Sandbox.randomName();
        try {
            NetNs.create(name).close();
            assertThat(NetNs.exists(name)).isTrue();
            assertThat(Command.check("ip", "netns", "list")).contains(name);
        } finally {
            NetNs.delete(name);
        }
        assertThat(NetNs.exists(name)).isFalse();
    }

    @Test
    void theCallersNamespaceIsDescribedByItsIpNetnsName() {
        try (Sandbox box = Sandbox.create()) {
            String inside = box.ns().call(() -> { // no checked exception: none to declare or catch
                try (NetNs here = NetNs.current()) {
                    return here.description();
                }
            });
            assertThat(inside).isEqualTo(box.name());
        }
        try (NetNs home = NetNs.current()) { // this JVM's, unnamed: its inode, as /proc/self/ns/net links to it
            assertThat(home.description()).matches("net:\\[\\d+\\]( \\(pid 1's\\))?")
                    .startsWith("net:[" + home.id().inode() + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../etc", "x\0y"})
    void badNamesAreRejectedBeforeTouchingTheSystem(String name) {
        assertThatThrownBy(() -> NetNs.create(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network namespace name");
        assertThatThrownBy(() -> NetNs.named(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetNs.delete(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedHandleRefusesItsDescriptor() {
        NetNs ns = NetNs.current();
        ns.close();
        assertThatThrownBy(ns::fd).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void errnoKnowsNamesAndDescriptions() {
        assertThat(new Errno(Errno.EEXIST).name()).isEqualTo("EEXIST");
        assertThat(new Errno(Errno.EEXIST).description()).isEqualTo("File exists");
        assertThat(new Errno(Errno.ENOBUFS).toString()).isEqualTo("ENOBUFS (No buffer space available)");
        assertThat(new Errno(9999).name()).isEqualTo("E9999");
    }

    @Test
    void anInterruptDuringCreateNeitherAbandonsTheNamespaceNorLosesTheFlag() {
        String name = Sandbox.randomName();
        Thread.currentThread().interrupt();
        NetNs created;
        try {
            created = NetNs.create(name);
        } finally {
            boolean flagKept = Thread.interrupted(); // also clears it for the rest of the test
            assertThat(flagKept).as("interrupt flag after create").isTrue();
        }
        try (created) {
            assertThat(NetNs.exists(name)).isTrue();
            assertThat(Command.check("ip", "-n", name, "-o", "link")).contains("lo:");
        } finally {
            NetNs.delete(name);
        }
        assertThat(NetNs.list()).doesNotContain(name);
    }

    @Test
    void anInterruptDuringCallReachesTheTaskAndTheFlagIsKept() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            Thread.currentThread().interrupt();
            Boolean taskSawInterrupt = box.ns().call(() -> {
                try {
                    Thread.sleep(10_000);
                    return false;
                } catch (InterruptedException e) {
                    return true;
                }
            });
            assertThat(Thread.interrupted()).as("caller's flag kept").isTrue();
            assertThat(taskSawInterrupt).isTrue();
        }
    }

    @Test
    void filesThatAreNotNetworkNamespacesAreRefusedNamingThePath() {
        assertThatThrownBy(() -> NetNs.path(Path.of("/etc/hostname")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network namespace /etc/hostname: is not a namespace file (NS_GET_NSTYPE: ENOTTY "
                        + "(Inappropriate ioctl for device))");
        assertThatThrownBy(() -> NetNs.path(Path.of("/tmp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/tmp: is not a namespace file");
        assertThatThrownBy(() -> NetNs.path(Path.of("/proc/self/ns/mnt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network namespace /proc/self/ns/mnt: is a mount namespace, not a network namespace");
        assertThatThrownBy(() -> NetNs.path(Path.of("/nonexistent/ns")))
                .isInstanceOf(SyscallException.class)
                .hasMessage("network namespace /nonexistent/ns does not exist (open /nonexistent/ns: ENOENT)");
    }

    @Test
    void aNamedFileThatIsNotANamespaceIsRefusedToo() throws Exception {
        String name = Sandbox.randomName();
        Path plain = NetNs.RUN_NETNS.resolve(name);
        java.nio.file.Files.createDirectories(NetNs.RUN_NETNS);
        java.nio.file.Files.writeString(plain, "not a namespace");
        try {
            assertThatThrownBy(() -> NetNs.named(name)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("network namespace " + name + " (" + plain + "): is not a namespace file");
        } finally {
            java.nio.file.Files.delete(plain);
        }
    }
}
