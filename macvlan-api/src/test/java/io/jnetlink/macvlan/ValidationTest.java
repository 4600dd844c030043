package io.jnetlink.macvlan;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

/** Every rule is checked before anything reaches the kernel, naming the field and the value. */
class ValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a b", "tab\tx", "a:b", "sixteen-bytes-xx", "nul\0x"})
    void badInterfaceNamesAreRejected(String name) {
        assertThatThrownBy(() -> Macvlan.of(name, "eth0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("macvlan name:");
        assertThatThrownBy(() -> Macvlan.of("mv0", name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("macvlan parent:");
        assertThatThrownBy(() -> Veth.of("v0", name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("veth peerName:");
    }

    @Test
    void fifteenBytesIsTheLongestName() {
        assertThat(Macvlan.of("fifteen-bytes-x", "eth0").name()).hasSize(15);
        assertThatThrownBy(() -> Bridge.of("sixteen-bytes-xx")).hasMessageContaining("\"sixteen-bytes-xx\" is 16 bytes");
    }

    @Test
    void anyNameTheValidatorAcceptsIsOneTheKernelRulesAllow() {
        qt().withExamples(5_000).forAll(strings().allPossible().ofLengthBetween(0, 20)).checkAssert(name -> {
            boolean accepted;
            try {
                Bridge.of(name);
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
                assertThat(e.getMessage()).startsWith("bridge name:");
            }
            // the kernel's dev_valid_name works on bytes, its isspace with a Latin-1 table (0xA0 is a space;
            // U+001C..U+001F and U+2003 are not): InterfaceNameRuleTest (cni) asks the kernel itself
            byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean kernelValid = !name.isEmpty() && bytes.length < 16 && !name.equals(".") && !name.equals("..");
            for (byte b : bytes) {
                int c = b & 0xff;
                kernelValid &= c != '/' && c != ':' && c != 0 && c != ' ' && (c < '\t' || c > '\r') && c != 0xA0;
            }
            assertThat(accepted).as("name %s", name).isEqualTo(kernelValid);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:00:00:00:00:00", "01:00:5e:00:00:01", "ff:ff:ff:ff:ff:ff", "03:00:00:00:00:01"})
    void nonUnicastMacsAreRejected(String mac) {
        assertThatThrownBy(() -> Macvlan.of("mv0", "eth0").withMac(MacAddress.parse(mac)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("macvlan mac: " + mac)
                .hasMessageContaining("not a unicast address");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 67, 65536, 100_000})
    void mtuOutsideTheRangeIsRejected(int mtu) {
        assertThatThrownBy(() -> Macvlan.of("mv0", "eth0").withMtu(mtu)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("macvlan mtu: MTU " + mtu + " is outside 68..65535");
    }

    @Test
    void nopromiscOutsidePassthruIsRejected() {
        Macvlan spec = Macvlan.of("mv0", "eth0").withFlags(Set.of(MacvlanFlag.NOPROMISC));
        assertThatThrownBy(spec::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("macvlan flags: NOPROMISC is only valid in mode PASSTHRU, not BRIDGE");
        assertThat(spec.withMode(MacvlanMode.PASSTHRU).validate()).isNotNull();
    }

    @Test
    void sourceMacsOutsideSourceModeAreRejected() {
        Macvlan spec = Macvlan.of("mv0", "eth0").withMode(MacvlanMode.VEPA)
                .withSourceMacs(List.of(MacAddress.parse("02:00:00:00:00:01")));
        assertThatThrownBy(spec::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("macvlan sourceMacs: [02:00:00:00:00:01]").hasMessageContaining("not VEPA");
    }

    @Test
    @NetworkSandbox
    @ExtendWith(Topology.Parameter.class)
    void validationRunsBeforeTheKernelOnCreate(Topology t) {
        Macvlan bad = Macvlan.of("mv0", "parent0").withFlags(Set.of(MacvlanFlag.NOPROMISC));
        assertThatThrownBy(() -> t.links().create(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.links().create(Macvlan.of("mv0", "nosuchparent")))
                .isInstanceOf(LinkNotFoundException.class).hasMessageContaining("nosuchparent");
        assertThat(t.links().get("mv0")).isEmpty();
    }

    @Test
    void negativeBcQueueLenAndBadAddressesAreRejected() {
        assertThatThrownBy(() -> Macvlan.of("mv0", "eth0").withBcQueueLen(-1))
                .hasMessage("macvlan bcQueueLen: must not be negative, got -1");
        assertThatThrownBy(() -> Address.parse("192.0.2.1/33")).hasMessageContaining("33");
        assertThatThrownBy(() -> Address.parse("example.com/24")).hasMessageContaining("not a numeric");
        assertThatThrownBy(() -> Route.to("198.51.100.1/24")).hasMessageContaining("host bits set");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"2001:db8::10,2001:db8::10", "2001:db8:0:1:0:0:0:1,2001:db8:0:1::1",
            "::,::", "::1,::1", "fe80::,fe80::", "2001:db8:0:0:1:0:0:1,2001:db8::1:0:0:1", "1:0:1:0:1:0:1:0,1:0:1:0:1:0:1:0"})
    void ipv6TextIsCompressedAsIpPrintsIt(String in, String out) throws Exception {
        assertThat(io.jnetlink.core.inet.InetAddresses.text(java.net.InetAddress.getByName(in))).isEqualTo(out);
    }
}
