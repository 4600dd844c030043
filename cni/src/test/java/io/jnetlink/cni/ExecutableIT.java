package io.jnetlink.cni;

import io.jnetlink.cni.Side.Call;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** target/bin/macvlan as a drop-in: copied or symlinked elsewhere, and with an IPAM plugin it executes. */
@RequiresNetAdmin
class ExecutableIT {

    @Test
    void aCopyAndASymlinkInAnotherDirectoryWorkAsTheOriginal() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            Path dir = box.directory("opt-cni-bin");
            Path copy = Files.copy(Side.EXECUTABLE, dir.resolve("macvlan"));
            Path link = Files.createSymbolicLink(dir.resolve("macvlan-link"), Side.EXECUTABLE);
            for (Path plugin : List.of(copy, link)) {
                Call version = Side.exec(List.of("env", "-i", "CNI_COMMAND=VERSION", plugin.toString()), new byte[0]);
                assertThat(version.exit()).as(plugin.toString()).isZero();
                assertThat(version.json()).containsEntry("cniVersion", "1.1.0");
                Call bad = Side.exec(List.of("env", "-i", "CNI_COMMAND=ADD", plugin.toString()), new byte[0]);
                assertThat(bad.exit()).isEqualTo(1);
                assertThat(bad.json()).containsEntry("code", 4);
                assertThat((String) bad.json().get("msg")).contains("CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME",
                        "CNI_PATH");
            }
        }
    }

    @Test
    void anIpamTypeThatIsNotInProcessIsExecutedFromCniPath() throws Exception {
        try (Side side = new Side(Side.Impl.EXECUTABLE)) {
            Path bin = side.box.directory("cni-path");
            Files.createSymbolicLink(bin.resolve("other-ipam"), Path.of("/usr/lib/cni/host-local"));
            String config = """
                    {"cniVersion":"1.0.0","name":"ex","type":"macvlan","master":"eth0",
                     "ipam":{"type":"other-ipam","subnet":"203.0.113.0/24","dataDir":"%s"}}"""
                    .formatted(side.dataDir);
            Map<String, String> env = new java.util.LinkedHashMap<>(Map.of("CNI_COMMAND", "ADD",
                    "CNI_CONTAINERID", "ctr9", "CNI_NETNS", side.netnsPath(), "CNI_IFNAME", "net1",
                    "CNI_PATH", bin.toString()));
            Call add = side.call(env, config);
            assertThat(add.exit()).as(add.stdout()).isZero();
            assertThat(side.iface("net1")).containsEntry("addresses", List.of("203.0.113.2/24"));
            assertThat(side.leases("ex")).containsEntry("203.0.113.2", "ctr9\r\nnet1");

            env.put("CNI_COMMAND", "DEL");
            assertThat(side.call(env, config).exit()).isZero();
            assertThat(side.iface("net1")).isEmpty();
            assertThat(side.leases("ex")).doesNotContainKey("203.0.113.2");

            env.put("CNI_COMMAND", "ADD");
            Call missing = side.call(env, config.replace("other-ipam", "no-such-ipam"));
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.json()).containsEntry("code", 7);
            assertThat((String) missing.json().get("msg")).contains("no-such-ipam");
            assertThat(side.iface("net1")).isEmpty();
        }
    }
}
