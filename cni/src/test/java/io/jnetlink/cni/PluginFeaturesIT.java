package io.jnetlink.cni;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;
import io.jnetlink.cni.Side.Call;
import io.jnetlink.cni.Side.Impl;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reference 1.1.1 does not have, through our executable and the in-process API alike:
 * spec 1.1 (STATUS, GC, interface MTU), {@code linkInContainer}, {@code bcqueuelen}, CHECK naming
 * a changed mode, and an executed IPAM plugin's error passed on with its code.
 */
@RequiresNetAdmin
class PluginFeaturesIT {

    private static final List<Impl> OURS = Impl.OURS;

    private static String config(Side side, String version, String extra) {
        return """
                {"cniVersion":"%s","name":"feat","type":"macvlan","master":"eth0"%s,
                 "ipam":{"type":"host-local","subnet":"203.0.113.0/24","dataDir":"%s"}}"""
                .formatted(version, extra, side.dataDir);
    }

    @Test
    void spec110ResultsCarryTheMtuAndGcReleasesWhatIsNotValid() {
        for (Impl impl : OURS) {
            try (Side side = new Side(impl)) {
                String conf = config(side, "1.1.0", ",\"mtu\":1400");
                Call add1 = side.call("ADD", "keep", "eth0", "", conf);
                Call add2 = side.call("ADD", "gone", "net1", "", conf);
                assertThat(add1.exit()).as(impl + " " + add1.stdout()).isZero();
                assertThat(add2.exit()).isZero();
                assertThat(Json.write(add1.json().get("interfaces"))).contains("\"mtu\" : 1400");
                assertThat(side.leases("feat")).containsKeys("203.0.113.2", "203.0.113.3");

                String gc = conf.substring(0, conf.lastIndexOf('}'))
                        + ",\"cni.dev/valid-attachments\":[{\"containerID\":\"keep\",\"ifname\":\"eth0\"}]}";
                Call collected = side.call(Map.of("CNI_COMMAND", "GC", "CNI_PATH", Side.CNI_PATH), gc);
                assertThat(collected.exit()).as(impl + " GC " + collected.stdout()).isZero();
                assertThat(side.leases("feat")).as(impl.toString()).containsKey("203.0.113.2").doesNotContainKey("203.0.113.3");

                Call status = side.call(Map.of("CNI_COMMAND", "STATUS", "CNI_PATH", Side.CNI_PATH), conf);
                assertThat(status.exit()).as(impl + " STATUS " + status.stdout()).isZero();
                Call badStatus = side.call(Map.of("CNI_COMMAND", "STATUS", "CNI_PATH", Side.CNI_PATH),
                        conf.replace("\"master\":\"eth0\"", "\"master\":\"eth9\""));
                assertThat(badStatus.exit()).isEqualTo(1);
                assertThat(badStatus.json()).containsEntry("code", CniException.MASTER_NOT_FOUND);
            }
        }
    }

    @Test
    void linkInContainerAndBcQueueLen() {
        for (Impl impl : OURS) {
            try (Side side = new Side(impl)) {
                // the master lives in the container: a veth there
                Command.check("ip", "-n", side.container, "link", "add", "uplink", "type", "veth", "peer", "uplinkp");
                Command.check("ip", "-n", side.container, "link", "set", "uplink", "up");
                String conf = config(side, "1.0.0", ",\"linkInContainer\":true,\"bcqueuelen\":600")
                        .replace("\"master\":\"eth0\"", "\"master\":\"uplink\"");
                Call add = side.call("ADD", "c1", "net1", "", conf);
                assertThat(add.exit()).as(impl + " " + add.stdout()).isZero();
                String shown = Command.check("ip", "-n", side.container, "-d", "link", "show", "net1");
                assertThat(shown).as(impl.toString()).contains("net1@uplink").contains("bcqueuelen 600");
                assertThat(side.iface("net1")).containsEntry("addresses", List.of("203.0.113.2/24"));
            }
        }
    }

    @Test
    void checkNamesAChangedMode() {
        for (Impl impl : OURS) {
            try (Side side = new Side(impl)) {
                String conf = config(side, "1.0.0", "");
                Call add = side.call("ADD", "c1", "eth0", "", conf);
                String withPrev = conf.substring(0, conf.lastIndexOf('}')) + ",\"prevResult\":" + add.stdout() + "}";
                Call check = side.call("CHECK", "c1", "eth0", "", withPrev.replace("\"master\":\"eth0\"",
                        "\"master\":\"eth0\",\"mode\":\"vepa\""));
                assertThat(check.exit()).isEqualTo(1);
                assertThat(check.json()).containsEntry("code", CniException.CHECK_FAILED);
                assertThat((String) check.json().get("msg")).contains("mode: wanted VEPA, found BRIDGE");
            }
        }
    }

    @Test
    void anExecutedIpamPluginsErrorIsPassedOnWithItsCode() throws Exception {
        for (Impl impl : OURS) {
            try (Side side = new Side(impl)) {
                Path bin = side.box.directory("cni-path");
                Files.createSymbolicLink(bin.resolve("other-ipam"), Path.of("/usr/lib/cni/host-local"));
                String conf = """
                        {"cniVersion":"1.0.0","name":"ex","type":"macvlan","master":"eth0",
                         "ipam":{"type":"other-ipam","subnet":"203.0.113.0/30","dataDir":"%s"}}""".formatted(side.dataDir);
                Map<String, String> env = new LinkedHashMap<>(Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c1",
                        "CNI_NETNS", side.netnsPath(), "CNI_IFNAME", "eth0", "CNI_PATH", bin.toString()));
                assertThat(side.call(env, conf).exit()).isZero(); // the one address of a /30
                env.put("CNI_IFNAME", "net1");
                Call exhausted = side.call(env, conf);
                assertThat(exhausted.exit()).isEqualTo(1);
                assertThat(side.iface("net1")).as(impl + ": nothing left").isEmpty();

                // what the IPAM plugin itself answers to that ADD (it makes no link, and the range stays full)
                List<String> direct = new ArrayList<>(List.of("ip", "netns", "exec", side.box.name(), "env", "-i"));
                env.forEach((k, v) -> direct.add(k + "=" + v));
                direct.add(bin.resolve("other-ipam").toString());
                Call own = Side.exec(direct, conf.getBytes(StandardCharsets.UTF_8));
                assertThat(own.exit()).isEqualTo(1);
                assertThat(own.json()).as("host-local's own error (its Go errors are the generic 999)")
                        .containsEntry("code", 999);
                assertThat((String) own.json().get("msg")).contains("no IP addresses available in range set");
                assertThat(exhausted.json()).as(impl + ": passed on with its code and message")
                        .containsEntry("code", own.json().get("code"))
                        .containsEntry("msg", own.json().get("msg"));
            }
        }
    }
}
