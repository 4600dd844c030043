package io.jnetlink.cni.etcd;

import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.libcni.NetworkConfigList;
import io.jnetlink.cni.libcni.RuntimeConf;
import io.jnetlink.core.NetNs;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.EtcdCluster;
import io.jnetlink.testkit.Ping;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code target/bin/etcd} as the IPAM of CNI plugin executables that know nothing of jnetlink: the
 * reference {@code macvlan} (Debian's containernetworking-plugins) finds it on {@code CNI_PATH}
 * and gets addresses for containers of two "hosts" from one etcd; the containers ping each other;
 * jnetlink's own macvlan executable uses it the same way; DEL releases the lease in etcd; with etcd
 * down the ADD fails with code 11, "try again later".
 */
@RequiresNetAdmin
class EtcdIpamExecutableIT {

    private static final Path OURS = Path.of("target/bin").toAbsolutePath();
    private static final Path OUR_MACVLAN = Path.of("../cni/target/bin").toAbsolutePath().normalize();
    private static final Path REFERENCE = Path.of("/usr/lib/cni");

    private static NetworkConfigList network(EtcdCluster etcd, String hostId) {
        return NetworkConfigList.parse("""
                {"cniVersion":"1.0.0","name":"fleet","plugins":[{"type":"macvlan","master":"jnlm0","mode":"bridge",
                 "ipam":{"type":"etcd","subnet":"192.0.2.0/24","rangeStart":"192.0.2.10","rangeEnd":"192.0.2.20",
                         "etcd":{"endpoints":["%s"],"keyPrefix":"/jnltest","hostId":"%s","timeoutMillis":2000}}}]}"""
                .formatted(etcd.endpoints().getFirst(), hostId).getBytes(StandardCharsets.UTF_8), "inline");
    }

    /** The container ids holding leases of network {@code fleet}, as etcdctl lists them inside {@code box}. */
    static List<String> holders(Sandbox box, EtcdCluster etcd) {
        String out = Command.check("ip", "netns", "exec", box.name(), "etcdctl", "--endpoints",
                etcd.endpoints().getFirst(), "get", "--prefix", "/jnltest/fleet/ips/", "--print-value-only");
        return out.lines().filter(line -> line.startsWith("ctr")).map(String::strip).toList();
    }

    @Test
    void theReferenceMacvlanAndOursGetAddressesFromEtcdThroughTheExecutable() throws Exception {
        assertThat(Files.isExecutable(OURS.resolve("etcd"))).as("built by package").isTrue();
        assertThat(Files.isExecutable(REFERENCE.resolve("macvlan"))).as("containernetworking-plugins").isTrue();
        try (Sandbox box = Sandbox.create(); EtcdCluster etcd = EtcdCluster.startIn(box.name(), 1)) {
            // etcd serves on the sandbox host's 127.0.0.1, where the plugins run
            box.veth("jnlm0", "jnlm0p");
            NetNs c1 = box.namespace("c1");
            box.namespace("c2");
            box.namespace("c3");
            box.namespace("c4");
            Path cache = box.directory("cache");
            // macvlan from the reference directory, etcd (IPAM) from ours
            CniRuntime reference = CniRuntime.builder().pluginPath(List.of(OURS, REFERENCE)).cacheDir(cache)
                    .timeout(Duration.ofSeconds(60)).inNamespace(box.ns()).build();
            CniRuntime jnetlink = CniRuntime.builder().pluginPath(List.of(OUR_MACVLAN, OURS, REFERENCE)).cacheDir(cache)
                    .timeout(Duration.ofSeconds(60)).inNamespace(box.ns()).build();
            RuntimeConf ctr1 = RuntimeConf.of("ctr1", "/run/netns/" + box.name() + "-c1", "eth0");
            RuntimeConf ctr2 = RuntimeConf.of("ctr2", "/run/netns/" + box.name() + "-c2", "eth0");
            RuntimeConf ctr3 = RuntimeConf.of("ctr3", "/run/netns/" + box.name() + "-c3", "eth0");
            RuntimeConf ctr4 = RuntimeConf.of("ctr4", "/run/netns/" + box.name() + "-c4", "eth0");

            CniResult r1 = reference.add(network(etcd, "host-a"), ctr1);
            CniResult r2 = reference.add(network(etcd, "host-b"), ctr2);
            CniResult r3 = jnetlink.add(network(etcd, "host-a"), ctr3);
            assertThat(r1.ips().getFirst().address()).hasToString("192.0.2.10/24");
            assertThat(r2.ips().getFirst().address()).hasToString("192.0.2.11/24");
            assertThat(r3.ips().getFirst().address()).hasToString("192.0.2.12/24");
            assertThat(Ping.answers(c1, "192.0.2.11")).as("ctr1 -> ctr2").isTrue();
            assertThat(Ping.answers(c1, "192.0.2.12")).as("ctr1 -> ctr3").isTrue();
            assertThat(holders(box, etcd)).containsExactlyInAnyOrder("ctr1", "ctr2", "ctr3");

            reference.del(network(etcd, "host-a"), ctr1);
            jnetlink.del(network(etcd, "host-a"), ctr3);
            assertThat(holders(box, etcd)).containsExactly("ctr2");

            EtcdCluster.Member member = etcd.members().getFirst();
            etcd.stop(member);
            assertThatThrownBy(() -> reference.add(network(etcd, "host-a"), ctr4))
                    .isInstanceOfSatisfying(CniException.class, e -> {
                        assertThat(e.code()).isEqualTo(CniException.TRY_AGAIN_LATER);
                        assertThat(e.getMessage()).contains("try again later");
                    });
        }
    }
}
