package io.jnetlink.testkit;

import io.jnetlink.core.NetNs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test kit itself: what a sandbox makes, and that all of it goes. */
@RequiresNetAdmin
class SandboxTest {

    @Test
    void privilegesComeFromTheCapabilitySetNotTheUserName() {
        String user = System.getProperty("user.name");
        System.setProperty("user.name", "nobody");
        try (Sandbox box = Sandbox.create()) {
            assertThat(Privileges.missing()).isEmpty();
            assertThat(NetNs.exists(box.name())).isTrue();
        } finally {
            System.setProperty("user.name", user);
        }
    }

    @Test
    void everythingMadeIsUndoneNewestFirst() throws Exception {
        List<String> order = new ArrayList<>();
        Path dir;
        List<String> names;
        try (Sandbox box = Sandbox.create()) {
            box.namespace("c1");
            box.veth("parent0", "peer0");
            box.veth(box.namespace("c2"), "eth0", "eth1");
            dir = box.directory("data");
            Files.writeString(dir.resolve("lease"), "x");
            box.closeLater(() -> order.add("first"));
            box.closeLater(() -> order.add("second"));
            names = box.namespaceNames();
            assertThat(names).containsExactly(box.name(), box.name() + "-c1", box.name() + "-c2");
            assertThat(Command.check("ip", "-n", box.name(), "-o", "link"))
                    .contains("parent0@peer0").contains("state UP").contains("lo:");
            assertThat(Command.check("ip", "-n", box.name() + "-c2", "-o", "link")).contains("eth0@eth1");
        }
        assertThat(order).containsExactly("second", "first");
        assertThat(dir).doesNotExist();
        assertThat(NetNs.list()).doesNotContainAnyElementsOf(names);
    }

    @Test
    void aFailingCleanUpStepDoesNotStopTheOthers() {
        String name;
        try (Sandbox box = Sandbox.create()) {
            name = box.name();
            box.closeLater(() -> {
                throw new IllegalStateException("step fails");
            });
            assertThatThrownBy(box::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("step fails");
        }
        assertThat(NetNs.list()).doesNotContain(name);
    }
}
