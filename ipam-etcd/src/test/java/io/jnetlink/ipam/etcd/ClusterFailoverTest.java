package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-member etcd cluster on loopback: a client given all three endpoints keeps allocating while
 * one member is stopped and started again, and never gets an address twice.
 */
class ClusterFailoverTest {

    @Test
    void allocationsGoOnWhileAMemberIsDownAndNoAddressIsHandedOutTwice() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(3);
             IpAllocator ipam = Ipam.open("ha", EtcdFixture.ipam(etcd.endpoints(), "host-a",
                     Map.of("subnet", "198.18.4.0/24"), 10_000))) {
            List<String> handedOut = new ArrayList<>();
            int failed = 0;
            for (int round = 0; round < 3; round++) {
                EtcdCluster.Member member = etcd.members().get(round);
                for (int i = 0; i < 20; i++) {
                    handedOut.add(allocate(ipam, "r" + round + "-up-" + i));
                }
                etcd.stop(member);
                for (int i = 0; i < 20; i++) {
                    try {
                        handedOut.add(allocate(ipam, "r" + round + "-down-" + i));
                    } catch (IpamUnavailableException e) {
                        failed++; // a request in flight to the stopped member may time out: the caller retries
                    }
                }
                etcd.restart(member);
            }
            Set<String> distinct = new HashSet<>(handedOut);
            assertThat(distinct).as("no address twice").hasSameSizeAs(handedOut);
            assertThat(failed).as("with two of three members up, allocations are served").isLessThan(5);
            assertThat(handedOut).hasSizeGreaterThanOrEqualTo(115);
            Map<String, String> keys = EtcdFixture.keys(etcd.endpoints(), "/jnltest/ha/ips/");
            assertThat(keys.keySet()).extracting(k -> k.substring("/jnltest/ha/ips/".length()))
                    .containsExactlyInAnyOrderElementsOf(distinct);
        }
    }

    private static String allocate(IpAllocator ipam, String containerId) {
        return ipam.allocate(new Owner(containerId, "eth0"), List.of()).ips().getFirst().address().address()
                .getHostAddress();
    }
}
