package io.jnetlink.macvlan;

import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening, closing and using an RtNetlink after close. */
@NetworkSandbox
class RtNetlinkLifecycleTest {

    @Test
    void closingTwiceIsHarmlessAlsoInsideTryWithResources(Sandbox box) {
        RtNetlink rt = RtNetlink.open(box.ns());
        rt.close();
        rt.close();
        try (RtNetlink again = RtNetlink.openNamed(box.name())) {
            assertThat(again.links().list()).extracting(Link::name).containsExactly("lo");
            again.close(); // and then once more by try-with-resources
        }
        assertThat(box.ns().fd()).as("a handle the caller owns stays open").isPositive();
    }

    @Test
    void useAfterCloseNamesTheNamespaceAndTheOperation(Sandbox box) {
        RtNetlink rt = RtNetlink.openNamed(box.name());
        rt.close();

        assertThatThrownBy(() -> rt.links().list()).isInstanceOf(IllegalStateException.class)
                .hasMessage("list links in network namespace " + box.name() + ": this RtNetlink was closed");
        assertThatThrownBy(() -> rt.links().setUp("lo")).isInstanceOf(IllegalStateException.class)
                .hasMessage("set link lo up in network namespace " + box.name() + ": this RtNetlink was closed");
        assertThatThrownBy(() -> rt.links().add(Veth.of("a0", "b0"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("create veth a0 peer b0 in network namespace " + box.name()
                        + ": this RtNetlink was closed");
        assertThatThrownBy(() -> rt.addresses().list()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("list addresses in network namespace " + box.name());
        assertThatThrownBy(() -> rt.subscribe(event -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subscribe to events in network namespace " + box.name());
    }

    @Test
    void openPathRefusesFilesThatAreNotNetworkNamespaces() {
        assertThatThrownBy(() -> RtNetlink.openPath(Path.of("/etc/hostname")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/etc/hostname: is not a namespace file");
        assertThatThrownBy(() -> RtNetlink.openPath(Path.of("/proc/self/ns/mnt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/proc/self/ns/mnt: is a mount namespace, not a network namespace");
    }
}
