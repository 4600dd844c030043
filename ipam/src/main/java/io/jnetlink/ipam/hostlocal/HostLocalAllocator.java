package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.Dns;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.IpConfig;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.Lease;
import io.jnetlink.ipam.LeaseStore;
import io.jnetlink.ipam.Owner;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code host-local} allocator: the reference CNI plugin's algorithm (range sets, requested
 * addresses, gateway rules, round-robin from the last reserved address) over a {@link LeaseStore}.
 * With the reference's on-disk store ({@link DiskLeaseStore}) this library, other JVMs and
 * {@code /usr/lib/cni/host-local} share one data directory. Every operation holds the store's
 * lock from start to end; an allocation is all-or-nothing across range sets.
 */
public final class HostLocalAllocator implements IpAllocator {

    private final HostLocalConfig config;
    private final LeaseStore store;

    /** With the reference's on-disk store in {@link HostLocalConfig#directory()}. */
    public HostLocalAllocator(HostLocalConfig config) {
        this(config, new DiskLeaseStore(config.directory()));
    }

    /** Over {@code store}, which this allocator closes when it is closed. */
    public HostLocalAllocator(HostLocalConfig config, LeaseStore store) {
        this.config = config;
        this.store = store;
    }

    public HostLocalConfig config() {
        return config;
    }

    @Override
    public Allocation allocate(Owner owner, List<InetAddress> requested) {
        String attempt = attempt("allocating for " + owner);
        InetAddress[] wanted = assignRequested(attempt, requested);
        Dns dns = config.resolvConf() == null ? config.dns() : ResolvConf.read(config.resolvConf());
        return store.locked(attempt, () -> {
            List<Lease> held = store.leasesOf(owner);
            List<InetAddress> created = new ArrayList<>();
            List<IpConfig> ips = new ArrayList<>();
            try {
                for (int i = 0; i < config.ranges().size(); i++) {
                    ips.add(allocateIn(i, owner, wanted[i], held, created));
                }
            } catch (RuntimeException e) {
                created.forEach(store::release);
                throw e instanceof IpamException ? e : new IpamException(attempt + ": " + e, e);
            }
            return new Allocation(ips, config.routes(), dns);
        });
    }

    private IpConfig allocateIn(int index, Owner owner, InetAddress requested, List<Lease> held,
                                List<InetAddress> created) {
        RangeSet set = config.ranges().get(index);
        for (Lease lease : held) {
            if (set.contains(lease.address())) {
                throw new IpamException(attemptIn(index, owner, set) + ": " + text(lease.address())
                        + " has been allocated to " + owner.containerId() + ", duplicate allocation is not allowed");
            }
        }
        if (requested != null) {
            IpRange range = set.rangeFor(requested);
            if (requested.equals(range.gateway())) {
                throw new IpamException(attemptIn(index, owner, set) + ": requested ip " + text(requested)
                        + " is subnet's gateway");
            }
            if (!store.reserve(owner, requested, index)) {
                throw new IpamException(attemptIn(index, owner, set) + ": requested IP address " + text(requested)
                        + " is not available in range set " + set);
            }
            created.add(requested);
            return new IpConfig(new Prefix(requested, range.subnet().length()), range.gateway());
        }
        InetAddress reserved = store.reserveNext(owner, index, last -> walk(set, last));
        if (reserved == null) {
            throw new IpamException(attemptIn(index, owner, set) + ": no IP addresses available in range set: " + set);
        }
        created.add(reserved);
        IpRange range = set.rangeFor(reserved);
        return new IpConfig(new Prefix(reserved, range.subnet().length()), range.gateway());
    }

    /** What {@link #allocateIn} attempted, for its errors (built only for one: the range set's text costs). */
    private String attemptIn(int index, Owner owner, RangeSet set) {
        return attempt("allocating for " + owner + " in range set " + index + " (" + set + ")");
    }

    /** The round-robin walk over {@code set} after {@code last} ({@link RangeIterator}). */
    private static Iterator<InetAddress> walk(RangeSet set, InetAddress last) {
        RangeIterator walk = new RangeIterator(set, last);
        return Stream.iterate(walk.next(), Objects::nonNull, candidate -> walk.next()).iterator();
    }

    /** Puts each requested address with the range set holding it; rejects the rest before any change. */
    private InetAddress[] assignRequested(String attempt, List<InetAddress> requested) {
        InetAddress[] wanted = new InetAddress[config.ranges().size()];
        for (InetAddress address : new LinkedHashSet<>(requested)) {
            int index = -1;
            for (int i = 0; i < wanted.length && index < 0; i++) {
                if (wanted[i] == null && config.ranges().get(i).contains(address)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IpamException(attempt + ": failed to allocate all requested IPs: " + text(address)
                        + " is outside every range set (" + config.ranges().stream().map(RangeSet::toString)
                        .collect(Collectors.joining("; ")) + ") or its range set already has a requested address");
            }
            wanted[index] = address;
        }
        return wanted;
    }

    @Override
    public void release(Owner owner) {
        String attempt = attempt("releasing " + owner);
        store.locked(attempt, () -> store.releaseOwner(owner));
    }

    @Override
    public void check(Owner owner) {
        String attempt = attempt("checking " + owner);
        List<Lease> held = store.locked(attempt, () -> store.leasesOf(owner));
        if (held.isEmpty()) {
            throw new IpamException(attempt + ": failed to find address added by container " + owner.containerId());
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < config.ranges().size(); i++) {
            RangeSet set = config.ranges().get(i);
            if (held.stream().noneMatch(l -> set.contains(l.address()))) {
                missing.add("range set " + i + " (" + set + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IpamException(attempt + ": holds " + held.stream().map(l -> text(l.address())).toList()
                    + " but nothing in " + String.join(", ", missing));
        }
    }

    @Override
    public List<Lease> list() {
        return store.locked(attempt("listing leases"), store::leases);
    }

    /**
     * Releases every lease not held by one of {@code live} (legacy leases: by container id), every
     * damaged lease (empty or unreadable file), and the store's leftovers ({@link LeaseStore#cleanUp}).
     */
    @Override
    public List<Lease> garbageCollect(Set<Owner> live) {
        return store.locked(attempt("garbage collection"), () -> {
            store.cleanUp();
            List<Lease> released = new ArrayList<>();
            for (Lease lease : store.leases()) {
                if (!lease.isHeldBy(live) && store.release(lease.address())) {
                    released.add(lease);
                }
            }
            return released;
        });
    }

    /** Closes the store. */
    @Override
    public void close() {
        store.close();
    }

    private static String text(InetAddress address) {
        return InetAddresses.text(address);
    }

    /** {@code what} on this network as errors name it, e.g. {@code host-local network blue: releasing c1/eth0}. */
    private String attempt(String what) {
        return store.type() + " network " + config.network() + ": " + what;
    }
}
