package io.jnetlink.ipam;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a range allocator records who holds which address, shaped as the CNI reference's
 * {@code backend.Store}: lock, reserve, last reserved per range set, release by address or by
 * owner, get by owner, list. {@link io.jnetlink.ipam.hostlocal.HostLocalAllocator} keeps its
 * algorithm (range sets, requested addresses, gateway rules, round-robin) over any store: the
 * reference's files ({@link io.jnetlink.ipam.hostlocal.DiskLeaseStore}), memory
 * ({@link MemoryLeaseStore}), or a cluster-wide one.
 * <p>
 * Every method but {@link #locked} and {@link #close} is called inside {@link #locked}.
 * {@link #reserve} must be atomic on its own (create only if absent), so that stores shared by
 * many hosts without one lock still never hand out an address twice.
 */
public interface LeaseStore extends AutoCloseable {

    /** The IPAM type this store serves, for messages: {@code host-local} unless it says otherwise. */
    default String type() {
        return "host-local";
    }

    /**
     * Runs {@code operation} holding the store's lock, excluding every other process that shares
     * the store. {@code attempt} describes the operation in errors.
     */
    <T> T locked(String attempt, Supplier<T> operation);

    /**
     * Records {@code address} as held by {@code owner} if nobody holds it, and remembers it as the
     * last address reserved in {@code rangeSet}. Either both are recorded or neither.
     *
     * @return false if the address is already held
     */
    boolean reserve(Owner owner, InetAddress address, int rangeSet);

    /** The address last reserved in {@code rangeSet}, or null if none is recorded (or it is unreadable). */
    InetAddress lastReserved(int rangeSet);

    /**
     * Reserves for {@code owner} a free address of range set {@code rangeSet} from the candidates
     * {@code walkAfter} gives after an address (the allocator's round-robin walk from it), starting
     * after {@link #lastReserved}; returns it, or null if none is free. The default takes the first
     * free candidate, as the reference does; a store shared by hosts allocating at the same moment
     * may take another of the next free ones, so that they do not all race for the same address.
     */
    default InetAddress reserveNext(Owner owner, int rangeSet, Function<InetAddress, Iterator<InetAddress>> walkAfter) {
        for (Iterator<InetAddress> walk = walkAfter.apply(lastReserved(rangeSet)); walk.hasNext(); ) {
            InetAddress candidate = walk.next();
            if (reserve(owner, candidate, rangeSet)) {
                return candidate;
            }
        }
        return null;
    }

    /** Forgets the lease of {@code address}; false if there was none. */
    boolean release(InetAddress address);

    /** Every lease, including damaged records (see {@link Lease#problem()}). */
    List<Lease> leases();

    /**
     * The leases of {@code owner}, matched as the reference matches them: records naming the
     * container id and interface, or, if there are none, legacy records naming only the id.
     */
    default List<Lease> leasesOf(Owner owner) {
        List<Lease> all = leases();
        List<Lease> exact = all.stream()
                .filter(l -> l.isSound() && owner.containerId().equals(l.containerId())
                        && owner.ifName().equals(l.ifName()))
                .toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return all.stream()
                .filter(l -> l.isSound() && l.ifName() == null && owner.containerId().equals(l.containerId()))
                .toList();
    }

    /** Releases every lease of {@code owner}; returns them. */
    default List<Lease> releaseOwner(Owner owner) {
        List<Lease> held = leasesOf(owner);
        held.forEach(lease -> release(lease.address()));
        return held;
    }

    /** Removes leftovers that are not leases (a crashed writer's temporary files); returns how many. */
    default int cleanUp() {
        return 0;
    }

    /** Frees what the store holds open (connections); closing again does nothing. */
    @Override
    default void close() {
    }
}
