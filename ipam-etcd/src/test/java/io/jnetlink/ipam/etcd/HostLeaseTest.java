package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lease-bound owners: a host process renews its lease and holds three addresses past the TTL;
 * killed, its addresses are gone after the grace time, while a lease-free owner's stays.
 */
class HostLeaseTest {

    /** Long enough that a busy machine's scheduling cannot starve the keep-alive (sent every TTL/3). */
    private static final int TTL_SECONDS = 5;

    @Test
    void aKilledHostsAddressesAreReclaimedAfterTheGraceTimeAndOthersStay() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1);
             IpAllocator lasting = Ipam.open("mortal", EtcdFixture.ipam(etcd.endpoints(), "lasting",
                     Map.of("subnet", "198.18.5.0/24"), 10_000))) {
            lasting.allocate(new Owner("kept", "eth0"), List.of());
            Process host = new ProcessBuilder(EtcdFixture.javaCommand(HoldLease.class,
                    String.join(",", etcd.endpoints()), "mortal-host", String.valueOf(TTL_SECONDS)))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream()));
                assertThat(out.readLine()).as("the host process allocated").startsWith("ready ");
                assertThat(leases(etcd)).hasSize(4);

                // renewed past the TTL while the host lives: held at every look for twice the TTL
                long heldUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2L * TTL_SECONDS);
                while (System.nanoTime() < heldUntil) {
                    assertThat(leases(etcd)).as("renewed past the TTL while the host lives").hasSize(4);
                    Thread.sleep(250);
                }

                host.destroyForcibly();
                host.waitFor();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (leases(etcd).size() > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertThat(leases(etcd).values()).as("only the lease-free owner's address is left")
                        .containsExactly("kept\r\neth0\r\nlasting");
                assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/mortal/owners/")).as("their index keys went too")
                        .containsOnlyKeys("/jnltest/mortal/owners/kept/eth0/198.18.5.2");
                assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/hosts/")).as("the host key went too").isEmpty();
            } finally {
                host.destroyForcibly();
            }
        }
    }

    private static Map<String, String> leases(EtcdCluster etcd) throws Exception {
        return EtcdFixture.keys(etcd.endpoints(), "/jnltest/mortal/ips/");
    }
}
