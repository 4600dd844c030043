package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-member etcd cluster on loopback: a client given all three endpoints keeps allocating while
 * the member serving it (by the members' own request counters) is stopped and started again, and
 * never gets an address twice.
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
                Map<EtcdCluster.Member, Long> before = served(etcd);
                for (int i = 0; i < 20; i++) {
                    handedOut.add(allocate(ipam, "r" + round + "-up-" + i));
                }
                Map<EtcdCluster.Member, Long> after = served(etcd);
                // stop the member that served the most of these requests: the one the client is using
                EtcdCluster.Member member = etcd.members().stream()
                        .max(Comparator.comparingLong(m -> after.get(m) - before.get(m))).orElseThrow();
                assertThat(after.get(member) - before.get(member)).as("requests %s served", member.endpoint())
                        .isPositive();
                etcd.stop(member);
                Map<EtcdCluster.Member, Long> beforeDown = served(etcd);
                for (int i = 0; i < 20; i++) {
                    try {
                        handedOut.add(allocate(ipam, "r" + round + "-down-" + i));
                    } catch (IpamUnavailableException e) {
                        failed++; // a request in flight to the stopped member may time out: the caller retries
                    }
                }
                Map<EtcdCluster.Member, Long> afterDown = served(etcd);
                assertThat(etcd.members()).filteredOn(EtcdCluster.Member::running)
                        .as("the other members took over").anyMatch(m -> afterDown.get(m) > beforeDown.get(m));
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

    /**
     * KV requests each running member has handled so far (its {@code grpc_server_handled_total}
     * for {@code etcdserverpb.KV}, from its {@code /metrics}); 0 for a stopped member.
     */
    private static Map<EtcdCluster.Member, Long> served(EtcdCluster etcd) throws Exception {
        Map<EtcdCluster.Member, Long> served = new HashMap<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (EtcdCluster.Member member : etcd.members()) {
                long total = 0;
                if (member.running()) {
                    String metrics = http.send(HttpRequest.newBuilder(URI.create(member.endpoint() + "/metrics"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                    for (String line : metrics.split("\n")) {
                        if (line.startsWith("grpc_server_handled_total{")
                                && line.contains("grpc_service=\"etcdserverpb.KV\"")) {
                            total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        }
                    }
                }
                served.put(member, total);
            }
        }
        return served;
    }

    private static String allocate(IpAllocator ipam, String containerId) {
        return ipam.allocate(new Owner(containerId, "eth0"), List.of()).ips().getFirst().address().address()
                .getHostAddress();
    }
}
