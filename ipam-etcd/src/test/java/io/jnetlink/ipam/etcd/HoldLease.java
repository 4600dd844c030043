package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM for {@link HostLeaseTest}: a host that renews its lease, allocates three
 * lease-bound addresses, says {@code ready}, and waits to be killed.
 * Usage: {@code HoldLease <endpoints,...> <hostId> <leaseSeconds>}.
 */
public final class HoldLease {

    private HoldLease() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> endpoints = Arrays.asList(args[0].split(","));
        int ttl = Integer.parseInt(args[2]);
        EtcdSettings settings = new EtcdSettings(endpoints, "/jnltest", args[1], Duration.ofSeconds(15), null, null,
                null, Duration.ofSeconds(ttl));
        try (EtcdHostLease lease = EtcdHostLease.keepAlive(settings);
             IpAllocator ipam = Ipam.open("mortal", EtcdFixture.ipam(endpoints, args[1],
                     Map.of("subnet", "198.18.5.0/24"), Map.of("timeoutMillis", 15_000, "leaseSeconds", ttl)))) {
            for (int i = 0; i < 3; i++) {
                ipam.allocate(new Owner("held" + i, "eth0"), List.of());
            }
            System.out.println("ready " + lease.id());
            Thread.sleep(Duration.ofMinutes(10));
        }
    }
}
