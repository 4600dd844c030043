package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * etcd's back-pressure, from a real etcd that is refusing writes as "etcdserver: too many
 * requests" ({@link Overload}): a write refused so is sent again after a pause and succeeds once
 * etcd has caught up; refused for longer than the timeout, the call fails as "try again later"
 * (the CNI code 11) and changes nothing. Shown on releases, whose one write transaction (the
 * allocating store knows the addresses) goes straight to the refusal, where an allocation's reads
 * would first wait for etcd to catch up.
 */
class BackPressureTest {

    private static final Map<String, Object> RANGE = Map.of("subnet", "198.18.40.0/24");
    /** Bursts tried at most, each larger (up to 35,000 writes), until what is shown happened. */
    private static final int BURSTS = 8;

    @Test
    void aWriteRefusedAsTooManyRequestsIsSentAgainAndSucceeds() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1);
             EtcdFixture.Host host = EtcdFixture.host(etcd.endpoints(), "patient", "busy", RANGE, 60_000)) {
            List<Owner> owners = allocate(host, BURSTS);
            List<Owner> released = new ArrayList<>();
            try (Overload overload = new Overload(etcd.endpoints())) {
                for (int burst = 0; burst < BURSTS && host.store().counts().backPressureRetries() == 0; burst++) {
                    if (overload.burstUntilRefused(15_000 + 5_000 * Math.min(burst, 4))) {
                        Owner owner = owners.get(released.size());
                        host.allocator().release(owner);
                        released.add(owner);
                    }
                }
            }
            assertThat(host.store().counts().backPressureRetries()).as("writes sent again after a refusal").isPositive();
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/busy/owners/").keySet())
                    .as("the released owners' keys are gone, the others' stay").hasSize(owners.size() - released.size())
                    .noneMatch(key -> released.stream().anyMatch(o -> key.contains("/" + o.containerId() + "/")));
        }
    }

    @Test
    void refusedUntilTheTimeoutIsTryAgainLaterAndChangesNothing() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1);
             EtcdFixture.Host host = EtcdFixture.host(etcd.endpoints(), "hasty", "busy", RANGE, 250)) {
            List<Owner> owners = allocate(host, BURSTS);
            IpamUnavailableException refused = null;
            Owner kept = null;
            try (Overload overload = new Overload(etcd.endpoints())) {
                for (int burst = 0; burst < BURSTS && refused == null; burst++) {
                    if (overload.burstUntilRefused(15_000 + 5_000 * Math.min(burst, 4))) {
                        Owner owner = owners.get(burst);
                        try {
                            host.allocator().release(owner);
                        } catch (IpamUnavailableException e) {
                            // a try let through but not answered in time (or never answered at all, as on a busy
                            // machine) may still be applied: only "refused every time" counts
                            if (e.getMessage().contains("etcd is overloaded") && !e.getMessage().contains("then no answer")) {
                                refused = e;
                                kept = owner;
                            }
                        }
                    }
                }
            }
            assertThat(refused).as("a release refused every time within 250 ms").isNotNull();
            assertThat(refused.getMessage()).contains("releasing " + kept, "etcd is overloaded",
                    "etcdserver: too many requests", "try again later");
            String id = kept.containerId();
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/busy/owners/").keySet())
                    .as("the refused release changed nothing").anyMatch(key -> key.contains("/" + id + "/"));
            host.allocator().release(kept);
            assertThat(EtcdFixture.keys(etcd.endpoints(), "/jnltest/busy/owners/").keySet())
                    .as("released once etcd has caught up").noneMatch(key -> key.contains("/" + id + "/"));
        }
    }

    /** {@code count} owners with an address each, allocated before etcd is busy (a slow machine may time out once). */
    private static List<Owner> allocate(EtcdFixture.Host host, int count) {
        List<Owner> owners = new ArrayList<>();
        for (int i = 0; owners.size() < count; i++) {
            Owner owner = new Owner("owner" + i, "eth0");
            try {
                host.allocator().allocate(owner, List.of());
                owners.add(owner);
            } catch (IpamUnavailableException slow) {
                assertThat(i).as("allocations timing out: " + slow.getMessage()).isLessThan(3 * count);
            }
        }
        return owners;
    }
}
