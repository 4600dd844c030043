package io.jnetlink.cni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniResult;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.core.NetNs;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.EtcdCluster;
import io.jnetlink.testkit.Ping;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The macvlan plugin with {@code "ipam": {"type": "etcd"}} (module ipam-etcd on the class path,
 * in process): containers attached by two "hosts" (host ids) draw from one etcd, ping each other;
 * with etcd down an ADD fails with code 11 and leaves no interface.
 */
@RequiresNetAdmin
class EtcdIpamIT {

    private static String config(EtcdCluster etcd, String hostId) {
        return """
                {"cniVersion":"1.0.0","name":"fleet","type":"macvlan","master":"jnlm0","mode":"bridge",
                 "ipam":{"type":"etcd","subnet":"192.0.2.0/24","rangeStart":"192.0.2.10","rangeEnd":"192.0.2.20",
                         "etcd":{"endpoints":["%s"],"keyPrefix":"/jnltest","hostId":"%s","timeoutMillis":2000}}}"""
                .formatted(etcd.endpoints().getFirst(), hostId);
    }

    @Test
    void twoContainersGetAddressesFromEtcdAndPingAndEtcdDownIsTryAgainLater() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1); Sandbox box = Sandbox.create();
             MacvlanPlugin plugin = new MacvlanPlugin(box.ns())) {
            box.veth("jnlm0", "jnlm0p");
            NetNs c1 = box.namespace("c1");
            box.namespace("c2");
            NetNs c3 = box.namespace("c3");
            CniArgs add1 = new CniArgs("ctr1", "/run/netns/" + box.name() + "-c1", "eth0", "", "/usr/lib/cni");
            CniArgs add2 = new CniArgs("ctr2", "/run/netns/" + box.name() + "-c2", "eth0", "", "/usr/lib/cni");
            CniArgs add3 = new CniArgs("ctr3", "/run/netns/" + box.name() + "-c3", "eth0", "", "/usr/lib/cni");

            CniResult r1 = plugin.add(add1, config(etcd, "host-a").getBytes());
            CniResult r2 = plugin.add(add2, config(etcd, "host-b").getBytes());
            assertThat(r1.ips().getFirst().address()).hasToString("192.0.2.10/24");
            assertThat(r2.ips().getFirst().address()).hasToString("192.0.2.11/24");
            assertThat(Ping.answers(c1, "192.0.2.11")).as("ctr1 -> ctr2").isTrue();

            EtcdCluster.Member member = etcd.members().getFirst();
            etcd.stop(member);
            assertThatThrownBy(() -> plugin.add(add3, config(etcd, "host-a").getBytes()))
                    .isInstanceOfSatisfying(CniException.class, e -> {
                        assertThat(e.code()).isEqualTo(CniException.TRY_AGAIN_LATER);
                        assertThat(e.getMessage()).contains("etcd at " + member.endpoint()).contains("try again later");
                    });
            try (RtNetlink inside = RtNetlink.open(c3)) {
                assertThat(inside.links().get("eth0")).as("nothing half-created").isEmpty();
            }

            etcd.restart(member);
            plugin.del(add1, config(etcd, "host-a").getBytes());
            CniResult again = plugin.add(add3, config(etcd, "host-a").getBytes());
            assertThat(again.ips().getFirst().address()).hasToString("192.0.2.12/24");
        }
    }
}
