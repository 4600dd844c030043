package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Owner;

import java.nio.file.Path;

/**
 * A separate JVM allocating for many owners from one data directory; prints one line per
 * owner: {@code OK <address>} or {@code FAIL <message>}.
 * Arguments: dataDir network subnet idPrefix count.
 */
public final class AllocatorWorker {

    private AllocatorWorker() {
    }

    public static void main(String[] args) {
        HostLocalAllocator allocator = new HostLocalAllocator(HostLocalConfig.of(args[1], Path.of(args[0]), args[2]));
        int count = Integer.parseInt(args[4]);
        for (int i = 0; i < count; i++) {
            try {
                var ip = allocator.allocate(new Owner(args[3] + i, "eth0")).ips().getFirst();
                System.out.println("OK " + InetAddresses.text(ip.address().address()));
            } catch (IpamException e) {
                System.out.println("FAIL " + e.getMessage());
            }
        }
    }
}
