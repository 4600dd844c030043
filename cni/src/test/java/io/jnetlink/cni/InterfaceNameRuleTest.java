package io.jnetlink.cni;

import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.core.InterfaceName;
import io.jnetlink.macvlan.Macvlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for interface names: {@code CNI_IFNAME}, a Multus annotation's {@code interface} and a
 * link's name are accepted and refused alike. Before, CNI and Multus counted characters (so
 * eight 'ä', 16 bytes, passed there and failed in the kernel) and let NUL through.
 */
class InterfaceNameRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "net1", "123456789012345", "1234567890123456", "äääääää", "ääääääää",
            "a\u0000b", "a b", "a\u00a0b", "a/b", "a:b", ".", "..", "..."})
    void cniArgumentsMultusAndLinksAgree(String name) {
        boolean kernel = InterfaceName.problem(name) == null;
        assertThat(accepted(() -> CniArgs.of("c1", "/run/netns/x", name).withPath("/x").validate(CniCommand.ADD)))
                .as("CNI_IFNAME " + name).isEqualTo(kernel);
        String annotation = Json.write(List.of(Map.of("name", "n", "interface", name)));
        assertThat(accepted(() -> Multus.networks(annotation, "pods"))).as("Multus interface " + name).isEqualTo(kernel);
        assertThat(accepted(() -> Macvlan.of(name, "eth0"))).as("link name " + name).isEqualTo(kernel);
    }

    private static boolean accepted(Runnable check) {
        try {
            check.run();
            return true;
        } catch (CniException | IllegalArgumentException refused) {
            return false;
        }
    }
}
