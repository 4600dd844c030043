package io.jnetlink.cni;

import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for interface names, checked against the kernel itself: a link name is refused before
 * the kernel exactly when the kernel refuses it (a veth made with a raw request, past our checks,
 * in a sandbox), and {@code CNI_IFNAME} and a Multus annotation's {@code interface} are refused
 * alike, for the kernel's reasons and the spec's Unicode spaces. Before, CNI and Multus counted
 * characters (eight 'ä', 16 bytes, passed there and failed in the kernel) and let NUL through, and
 * all three refused 'à' only in the kernel (its UTF-8 holds 0xA0, a space to the kernel's ctype).
 */
@NetworkSandbox
class InterfaceNameRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "net1", "123456789012345", "1234567890123456", "äääääää", "ääääääää",
            "àb", "a\u001cb", "a\u2003b", "a b", "a\tb", "a\u00a0b", "a/b", "a:b", ".", "..", "..."})
    void linksFollowTheKernelAndCniAndMultusAgree(String name, Sandbox box) {
        boolean kernel = kernelTakes(box, name);
        assertThat(accepted(() -> Macvlan.of(name, "eth0"))).as("link name " + name).isEqualTo(kernel);

        boolean cni = accepted(() -> CniArgs.of("c1", "/run/netns/x", name).withPath("/x").validate(CniCommand.ADD));
        boolean unicodeSpace = name.codePoints().anyMatch(Character::isSpaceChar);
        assertThat(cni).as("CNI_IFNAME " + name).isEqualTo(kernel && !unicodeSpace);
        String annotation = Json.write(List.of(Map.of("name", "n", "interface", name)));
        assertThat(accepted(() -> Multus.networks(annotation, "pods"))).as("Multus interface " + name).isEqualTo(cni);
    }

    /** Whether the kernel makes a veth called {@code name} (peer {@code peer0}), asked without our checks. */
    private static boolean kernelTakes(Sandbox box, String name) {
        try {
            box.veth(name, "peer0");
            return true;
        } catch (NetlinkErrorException refused) {
            return false;
        }
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
