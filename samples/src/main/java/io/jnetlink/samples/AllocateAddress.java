package io.jnetlink.samples;

import io.jnetlink.core.posix.Posix;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.hostlocal.HostLocalAllocator;
import io.jnetlink.ipam.hostlocal.HostLocalConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's IPAM example: an address for a container from {@code host-local}, in the store
 * format the CNI reference plugin shares. Uses a temporary data directory instead of
 * {@code /var/lib/cni/networks}.
 */
public final class AllocateAddress {

    private AllocateAddress() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("jnltest-ipam");               // /var/lib/cni/networks in real use
        var ipam = new HostLocalAllocator(HostLocalConfig.of("mynet", dataDir, "198.51.100.0/24", "2001:db8::/64"));
        Owner container = new Owner("0123456789ab", "eth0");
        Allocation allocation = ipam.allocate(container);
        System.out.println(allocation.ips());       // [198.51.100.2/24 gw 198.51.100.1, 2001:db8::2/64 gw 2001:db8::1]
        ipam.release(container);
        System.out.println(Files.readString(dataDir.resolve("mynet/last_reserved_ip.0")));
        Posix.deleteRecursively(dataDir);
    }
}
