package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM for {@link ConcurrentHostsTest}: allocates {@code count} addresses for owners
 * {@code <hostId>-c<i>/eth0} from a shared etcd range and prints each as {@code owner address}
 * (a long request timeout: four JVMs start at once on a small machine).
 * It allocates only once the file {@code go} exists, so all hosts start together.
 * Usage: {@code AllocateMany <endpoints,...> <network> <hostId> <count> <subnet> <go>}.
 */
public final class AllocateMany {

    private AllocateMany() {
    }

    public static void main(String[] args) throws Exception {
        List<String> endpoints = Arrays.asList(args[0].split(","));
        String hostId = args[2];
        int count = Integer.parseInt(args[3]);
        Path go = Path.of(args[5]);
        try (IpAllocator ipam = Ipam.open(args[1], EtcdFixture.ipam(endpoints, hostId, Map.of("subnet", args[4]),
                15_000))) {
            System.err.println("ready"); // the test starts everyone at once when all are ready
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            for (int i = 0; i < count; i++) {
                Owner owner = new Owner(hostId + "-c" + i, "eth0");
                System.out.println(owner.containerId() + " "
                        + ipam.allocate(owner, List.of()).ips().getFirst().address().address().getHostAddress());
            }
        }
    }
}
