package io.jnetlink.cni.libcni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.types.Json;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.Dns;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CNI model's values print as {@code ip} and the spec write them, leaving out what is not set. */
class PrintedValuesTest {

    @Test
    void aResultNamesTheInterfaceOfEachAddress() {
        CniResult result = new CniResult("1.0.0",
                List.of(new CniResult.Interface("eth0", "02:00:5e:00:53:01", 1500, "/run/netns/blue")),
                List.of(new CniResult.Ip(0, Prefix.parse("198.51.100.7/24"), InetAddresses.parse("gw", "198.51.100.1")),
                        new CniResult.Ip(null, Prefix.parse("2001:db8::7/64"), null)),
                List.of(new CniResult.Route(Prefix.parse("0.0.0.0/0"), InetAddresses.parse("gw", "198.51.100.1")),
                        new CniResult.Route(Prefix.parse("203.0.113.0/24"), null)),
                new Dns(List.of("192.0.2.53"), null, List.of("example.org"), List.of()));
        assertThat(result).hasToString("cniVersion 1.0.0: eth0 mac 02:00:5e:00:53:01 mtu 1500 sandbox /run/netns/blue; "
                + "198.51.100.7/24 gw 198.51.100.1 on eth0, 2001:db8::7/64; "
                + "routes: default via 198.51.100.1, 203.0.113.0/24; dns: nameserver 192.0.2.53, search example.org");
    }

    @Test
    void anIpamResultHasNoInterfacesAndAnEmptyOneSaysSo() {
        CniResult ipam = CniResult.fromJson(Json.object("""
                {"cniVersion":"0.2.0","ip4":{"ip":"198.51.100.7/24","gateway":"198.51.100.1"},"dns":{}}"""
                .getBytes(StandardCharsets.UTF_8), "result"), "result");
        assertThat(ipam).hasToString("cniVersion 0.2.0: 198.51.100.7/24 gw 198.51.100.1");
        assertThat(new CniResult("1.1.0", List.of(), List.of(), List.of(), null)).hasToString("cniVersion 1.1.0: no addresses");
        assertThat(new CniResult.Interface("eth0", null, null, null)).hasToString("eth0");
        assertThat(new CniResult.Ip(2, Prefix.parse("2001:db8::7/64"), InetAddresses.parse("gw", "2001:db8::1")))
                .hasToString("2001:db8::7/64 gw 2001:db8::1 on interface 2");
        assertThat(new CniResult.Route(Prefix.parse("::/0"), null)).hasToString("default");
    }

    @Test
    void argumentsPrintAsTheVariablesThatAreSet() {
        assertThat(CniArgs.of("c1", "/run/netns/blue", "eth0").withPath("/opt/cni/bin"))
                .hasToString("CNI_CONTAINERID=c1 CNI_NETNS=/run/netns/blue CNI_IFNAME=eth0 CNI_PATH=/opt/cni/bin");
        assertThat(new CniArgs("c1", "", "eth0", "IP=192.0.2.7", "")).hasToString("CNI_CONTAINERID=c1 CNI_IFNAME=eth0 CNI_ARGS=IP=192.0.2.7");
        assertThat(CniArgs.NONE).hasToString("no CNI_* variables");
        assertThat(RuntimeConf.of("c1", "/run/netns/blue", "eth0")).hasToString("c1 eth0 in /run/netns/blue");
        assertThat(RuntimeConf.of("c1", "/run/netns/blue", "eth0").withArgs(List.of(Map.entry("IP", "192.0.2.7")))
                .withCapabilityArgs(Map.of("mac", "02:00:5e:00:53:01")))
                .hasToString("c1 eth0 in /run/netns/blue, CNI_ARGS IP=192.0.2.7, capabilities {mac=02:00:5e:00:53:01}");
    }

    @Test
    void aNetworkPrintsItsNameVersionAndPlugins() {
        assertThat(NetworkConfigList.parse("""
                {"cniVersion":"1.0.0","name":"lan","disableCheck":true,"plugins":[{"type":"macvlan"},{"type":"tuning"}]}"""
                .getBytes(StandardCharsets.UTF_8), "f")).hasToString("network lan (cniVersion 1.0.0): macvlan, tuning, CHECK disabled");
        assertThat(NetworkConfigList.fromConf("{\"name\":\"lan\",\"type\":\"macvlan\"}".getBytes(StandardCharsets.UTF_8), "f"))
                .hasToString("network lan: macvlan");
    }
}
