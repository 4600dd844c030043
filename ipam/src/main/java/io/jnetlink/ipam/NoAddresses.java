package io.jnetlink.ipam;

import java.net.InetAddress;
import java.util.List;

/**
 * The allocator of {@link IpAllocator#none()}: hands out nothing and holds nothing, for
 * interfaces that get no addresses (layer 2 only).
 */
enum NoAddresses implements StatelessAllocator {

    INSTANCE;

    private static final Allocation NOTHING = new Allocation(List.of(), List.of(), Dns.NONE);

    /** An allocation without addresses, routes or DNS; {@code requested} addresses are ignored. */
    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested) {
        return NOTHING;
    }

    @Override
    public String toString() {
        return "no IPAM (layer 2 only)";
    }
}
