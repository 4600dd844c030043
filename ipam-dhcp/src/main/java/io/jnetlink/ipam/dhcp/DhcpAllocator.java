package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.NetNs;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.Owner;
import io.jnetlink.macvlan.RtNetlink;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code dhcp} type's allocator for one network: addresses from a DHCP server, got on the
 * container's interface ({@link #needsInterface()}), kept by the process's {@link DhcpRenewer}.
 */
final class DhcpAllocator implements IpAllocator {

    private final DhcpConfig config;
    private final DhcpRenewer renewer;

    DhcpAllocator(DhcpConfig config, DhcpRenewer renewer) {
        this.config = config;
        this.renewer = renewer;
    }

    @Override
    public boolean needsInterface() {
        return true;
    }

    /** Refused: a DHCP client needs the interface; see {@link #allocate(Owner, List, NetNs)}. */
    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested) {
        throw new IpamException("DHCP for " + owner + ": needs the container's interface, up in its namespace "
                + "(allocate(owner, requested, container))");
    }

    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested, NetNs container) {
        return renewer.acquire(config, owner, container, requested).allocation();
    }

    /** Sends a DHCPRELEASE from the lease's address and forgets the lease; nothing held is not an error. */
    @Override
    public void release(Owner owner) {
        renewer.release(config.network(), owner);
    }

    /** The lease bound and unexpired, and its address still on the interface. */
    @Override
    public void check(Owner owner) {
        DhcpLease lease = renewer.lease(config.network(), owner).orElseThrow(() -> new IpamException(
                "DHCP: " + owner + " holds no lease on network " + config.network()));
        if (lease.state() != DhcpLease.State.BOUND) {
            throw new IpamException("DHCP: the lease of " + owner + " on " + lease.address().getHostAddress()
                    + " was lost (see the renewer's log)");
        }
        if (lease.expiresAt() != null && !Instant.now().isBefore(lease.expiresAt())) {
            throw new IpamException("DHCP: the lease of " + owner + " on " + lease.address().getHostAddress()
                    + " expired at " + lease.expiresAt());
        }
        try (NetNs container = NetNs.path(Path.of(lease.netns())); RtNetlink inside = RtNetlink.open(container)) {
            if (!DhcpRenewer.isOnInterface(inside, lease)) {
                throw new IpamException("DHCP: " + lease.address().getHostAddress() + " is not on " + owner.ifName()
                        + " in " + lease.netns());
            }
        }
    }

    /** The network's leases; a lost one carries the problem {@code lost}. */
    @Override
    public List<Lease> list() {
        return renewer.leases().stream().filter(l -> l.network().equals(config.network()))
                .map(l -> new Lease(l.address(), l.owner().containerId(), l.owner().ifName(),
                        l.state() == DhcpLease.State.BOUND ? null : "lost"))
                .toList();
    }

    /** Releases every lease of the network, bound or lost, whose attachment is not in {@code live}. */
    @Override
    public List<Lease> garbageCollect(Set<Owner> live) {
        List<Lease> released = new ArrayList<>();
        for (Lease lease : list()) {
            Owner owner = new Owner(lease.containerId(), lease.ifName());
            if (!live.contains(owner)) {
                release(owner);
                released.add(lease);
            }
        }
        return released;
    }
}
