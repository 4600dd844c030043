package io.jnetlink.macvlan;

import io.jnetlink.core.BatchResult;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast paths the benchmarks use: add without read-back, add with a looked-up parent, batch size. */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class FastPathTest {

    @Test
    void addCreatesWithoutReadingBackAndReportsKernelErrors(Topology t) {
        t.links().add(Macvlan.of("mv0", "parent0").withMode(MacvlanMode.PRIVATE));
        Link parent = t.links().require("parent0");
        t.links().add(Macvlan.of("mv1", "parent0"), parent);

        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "mv0")).contains("macvlan mode private");
        assertThat(t.links().require("mv1").parentIndex()).isEqualTo(parent.index());
        assertThatThrownBy(() -> t.links().add(Macvlan.of("mv1", "parent0"), parent))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EEXIST");
                    assertThat(e).hasMessageContaining("create macvlan mv1 on parent0 mode bridge");
                });
        assertThatThrownBy(() -> t.links().add(Macvlan.of("mv2", "peer0"), parent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parent: parent0 is not the parent of macvlan mv2 on peer0");
        assertThatThrownBy(() -> t.links().add(Macvlan.of("mv3", "gone0")))
                .isInstanceOf(LinkNotFoundException.class).hasMessageContaining("gone0");
    }

    @Test
    void createAllHonoursRequestsPerSendmsg(Topology t) {
        for (int perSend : new int[] {1, 7, 256}) {
            List<Macvlan> specs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                specs.add(Macvlan.of("b" + perSend + "x" + i, "parent0"));
            }
            specs.set(13, Macvlan.of("parent0", "parent0")); // collides with the parent's name

            BatchResult result = t.rt.bulk().createAll(specs, perSend);

            assertThat(result.size()).isEqualTo(20);
            assertThat(result.failures()).hasSize(1);
            assertThat(result.failure(13)).hasValueSatisfying(e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));
        }
        assertThat(t.links().list()).hasSize(3 + 3 * 19);
        assertThatThrownBy(() -> t.rt.bulk().createAll(List.of(Macvlan.of("x", "parent0")), 0))
                .hasMessage("perSend: 0 is outside 1..256");
        assertThatThrownBy(() -> t.rt.bulk().createAll(List.of(Macvlan.of("x", "parent0")), 257))
                .hasMessage("perSend: 257 is outside 1..256");
    }
}
