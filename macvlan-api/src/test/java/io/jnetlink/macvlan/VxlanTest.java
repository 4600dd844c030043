package io.jnetlink.macvlan;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The vxlan kind (one file, {@link Vxlan}), created here and read back by {@code ip -d -j link},
 * and created by {@code ip} and read back here: the same values either way.
 */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class VxlanTest {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|true|false|-?\\d+)");

    @Test
    void unicastTunnelReadsBackIdenticallyInIproute2(Topology t) {
        Vxlan spec = Vxlan.of("vx0", 42).withRemote(ip("198.51.100.2")).withLocal(ip("198.51.100.1"))
                .withParent("parent0").withPort(4789).withTtl(64).withoutLearning();
        Link link = t.links().create(spec);

        Map<String, String> shown = infoData(t, "vx0");
        Vxlan.Info info = (Vxlan.Info) link.info();
        assertThat(shown).containsEntry("id", "42").containsEntry("remote", "\"198.51.100.2\"")
                .containsEntry("local", "\"198.51.100.1\"").containsEntry("link", "\"parent0\"")
                .containsEntry("port", "4789").containsEntry("learning", "false").containsEntry("ttl", "64")
                .doesNotContainKey("group");
        assertThat(info).isEqualTo(new Vxlan.Info(42, ip("198.51.100.2"), null, ip("198.51.100.1"), 4789, false,
                64, t.links().require("parent0").index(), Long.parseLong(shown.get("ageing"))));
        assertThat(link.kind()).isEqualTo("vxlan");
        assertThat(t.links().ensure(spec)).isEqualTo(t.links().require("vx0"));
    }

    @Test
    void multicastAndIpv6TunnelsReadBackIdentically(Topology t) {
        t.links().create(Vxlan.of("vx1", 16777215).withGroup(ip("239.1.1.1")).withParent("parent0"));
        t.links().create(Vxlan.of("vx6", 7).withRemote(ip("2001:db8::2")).withLocal(ip("2001:db8::1")));

        Map<String, String> group = infoData(t, "vx1");
        assertThat(group).containsEntry("id", "16777215").containsEntry("group", "\"239.1.1.1\"")
                .containsEntry("link", "\"parent0\"").containsEntry("learning", "true")
                .containsEntry("port", "8472").doesNotContainKey("remote");
        Vxlan.Info read = (Vxlan.Info) t.links().require("vx1").info();
        assertThat(read.group()).isEqualTo(ip("239.1.1.1"));
        assertThat(read.remote()).isNull();
        assertThat(read.port()).isEqualTo(8472);

        Map<String, String> v6 = infoData(t, "vx6");
        assertThat(v6).containsEntry("remote6", "\"2001:db8::2\"").containsEntry("local6", "\"2001:db8::1\"");
        Vxlan.Info read6 = (Vxlan.Info) t.links().require("vx6").info();
        assertThat(read6.remote()).isEqualTo(ip("2001:db8::2"));
        assertThat(read6.local()).isEqualTo(ip("2001:db8::1"));
    }

    @Test
    void aTunnelMadeByIproute2ReadsTheSameHere(Topology t) {
        Command.check("ip", "-n", t.name(), "link", "add", "vx2", "type", "vxlan", "id", "100", "remote",
                "203.0.113.9", "dev", "parent0", "dstport", "4790", "ttl", "9");
        Map<String, String> shown = infoData(t, "vx2");
        Vxlan.Info info = (Vxlan.Info) t.links().require("vx2").info();

        assertThat(info.vni()).isEqualTo(Long.parseLong(shown.get("id")));
        assertThat("\"" + InetAddresses.text(info.remote()) + "\"").isEqualTo(shown.get("remote"));
        assertThat(info.port()).isEqualTo(Integer.parseInt(shown.get("port")));
        assertThat(info.ttl()).isEqualTo(Integer.parseInt(shown.get("ttl")));
        assertThat(info.learning()).isEqualTo(Boolean.parseBoolean(shown.get("learning")));
        assertThat(info.parentIndex()).isEqualTo(t.links().require("parent0").index());
        assertThat(info.ageing()).isEqualTo(Long.parseLong(shown.get("ageing")));

        assertThatThrownBy(() -> t.links().ensure(Vxlan.of("vx2", 101).withRemote(ip("203.0.113.9"))
                .withParent("parent0").withPort(4790).withTtl(9)))
                .isInstanceOfSatisfying(LinkMismatchException.class, e -> assertThat(e.differences())
                        .containsExactly("vni: wanted 101, found 100"));
    }

    @Test
    void badCombinationsAreRefusedAtCreateBeforeTheKernel(Topology t) {
        assertThatThrownBy(() -> t.links().create(Vxlan.of("vx0", 1).withGroup(ip("239.1.1.1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a parent link");
        assertThat(t.links().get("vx0")).isEmpty();
    }

    @Test
    void badSettingsAreRefusedBeforeTheKernelNamingTheField() {
        assertThatThrownBy(() -> Vxlan.of("vx0", 1 << 24)).hasMessage("vxlan vni: 16777216 is outside 0..16777215");
        assertThatThrownBy(() -> Vxlan.of("vx0", 1).withRemote(ip("239.1.1.1")))
                .hasMessage("vxlan remote: 239.1.1.1 is a multicast address; use group");
        assertThatThrownBy(() -> Vxlan.of("vx0", 1).withGroup(ip("239.1.1.1")).validate())
                .hasMessage("vxlan group: joining 239.1.1.1 needs a parent link to join it on");
        assertThatThrownBy(() -> Vxlan.of("vx0", 1).withRemote(ip("2001:db8::1")).withLocal(ip("192.0.2.1")).validate())
                .hasMessage("vxlan local: 192.0.2.1 is not of the family of 2001:db8::1");
        assertThatThrownBy(() -> Vxlan.of("vx0", 1).withPort(65536)).hasMessage("vxlan port: 65536 is outside 0..65535");
    }

    /** The scalar fields of {@code linkinfo.info_data} in {@code ip -d -j link show <name>}. */
    private static Map<String, String> infoData(Topology t, String name) {
        String json = Command.check("ip", "-n", t.name(), "-d", "-j", "link", "show", name);
        String data = json.substring(json.indexOf("\"info_data\":{"));
        data = data.substring(0, data.indexOf('}', data.indexOf("\"port_range\"") >= 0
                ? data.indexOf('}', data.indexOf("\"port_range\"")) + 1 : 0));
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(data);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }

    private static java.net.InetAddress ip(String text) {
        return InetAddresses.parse("ip", text);
    }
}
