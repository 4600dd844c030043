package io.jnetlink.macvlan;

import io.jnetlink.core.NetlinkErrorException;
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
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void onlyAnMtuNoDeviceTakesIsRejectedHere(int mtu) {
        assertThatThrownBy(() -> Macvlan.of("mv0", "eth0").withMtu(mtu)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("macvlan mtu: MTU " + Integer.toUnsignedString(mtu) + " is larger than any device takes");
        assertThat(Macvlan.of("mv0", "eth0").withMtu(67).mtu()).isEqualTo(67); // the kernel decides, per device
        assertThat(Macvlan.of("mv0", "eth0").withMtu(65536).mtu()).isEqualTo(65536);
    }

    @Test
    @NetworkSandbox
    @ExtendWith(Topology.Parameter.class)
    void deviceMtuLimitsAreTheKernelsAndARefusalSaysWhatTheyAre(Topology t) {
        t.links().setMtu("lo", 65536); // lo's default: a 68..65535 rule would refuse it
        assertThat(t.links().require("lo").mtu()).isEqualTo(65536);
        Link parent = t.links().require("parent0");
        assertThat(parent.minMtu()).isEqualTo(68);
        assertThat(parent.maxMtu()).isPositive();
        int tooBig = parent.maxMtu() + 1;
        assertThatThrownBy(() -> t.links().setMtu("parent0", tooBig)).isInstanceOf(NetlinkErrorException.class)
                .hasMessage("set mtu " + tooBig + " on link parent0 in network namespace " + t.name()
                        + " failed: EINVAL (Invalid argument): kernel says \"mtu greater than device maximum\"; "
                        + "mtu: parent0 takes 68.." + parent.maxMtu());
        assertThatThrownBy(() -> t.links().setMtu("parent0", 67)).hasMessageEndingWith(
                "; mtu: parent0 takes 68.." + parent.maxMtu());
    }

    @Test
    @NetworkSandbox
    @ExtendWith(Topology.Parameter.class)
    void aMacvlanMtuAboveItsParentsIsRefusedBeforeTheKernelAnswersABareEinval(Topology t) {
        t.links().setMtu("parent0", 1400);
        assertThatThrownBy(() -> t.links().create(Macvlan.of("mv0", "parent0").withMtu(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mtu: 1500 is larger than the MTU 1400 of parent parent0; it must be 0..1400");
        assertThat(t.links().create(Macvlan.of("mv0", "parent0").withMtu(1400)).mtu()).isEqualTo(1400);
    }

    @Test
    @NetworkSandbox
    @ExtendWith(Topology.Parameter.class)
    void aMissingLinkIsNamedWithWhatNeededItAndTheNamespacesName(Topology t) {
        assertThatThrownBy(() -> t.rt.addresses().add("nosuch0", Address.parse("192.0.2.10/24")))
                .isInstanceOf(LinkNotFoundException.class)
                .hasMessage("add address 192.0.2.10/24 on nosuch0: no link named \"nosuch0\" in network namespace "
                        + t.name());
        assertThatThrownBy(() -> t.links().create(Macvlan.of("mv0", "nosuch0")))
                .hasMessage("create macvlan mv0 on nosuch0 mode bridge: parent: no link named \"nosuch0\" in network"
                        + " namespace " + t.name());
        assertThatThrownBy(() -> t.rt.routes().add(Route.to("203.0.113.0/24").withDev("nosuch0")))
                .hasMessage("add route 203.0.113.0/24 dev nosuch0 scope link: no link named \"nosuch0\" in network namespace "
                        + t.name());
        LinkNotFoundException e = new LinkNotFoundException("get link nosuch0", "nosuch0", t.name());
        assertThat(e.withOperation("master")).hasMessage("master: no link named \"nosuch0\" in network namespace "
                + t.name());
        // the namespace a handle on the caller's own is known by: its ip netns name
        try (RtNetlink own = t.box.ns().call(RtNetlink::open)) {
            assertThatThrownBy(() -> own.links().require("nosuch0", "master"))
                    .hasMessage("master: no link named \"nosuch0\" in network namespace " + t.name());
        }
    }

    @Test
    void anAddressWithoutAPrefixLengthIsRefusedNotTakenAsAHost() {
        assertThatThrownBy(() -> Address.parse("192.0.2.10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("address: \"192.0.2.10\" has no prefix length; write it as 192.0.2.10/32 for a single"
                        + " address, or with the subnet's length, e.g. /24");
        assertThatThrownBy(() -> Address.parse("2001:db8::10")).hasMessageContaining("2001:db8::10/128");
        assertThat(Address.parse("192.0.2.10/32").prefixLength()).isEqualTo(32);
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
