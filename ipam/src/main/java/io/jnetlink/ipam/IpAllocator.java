package io.jnetlink.ipam;

import io.jnetlink.core.NetNs;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hands out addresses to owners and takes them back. Implementations must be safe for
 * concurrent callers, including other processes sharing the same store. Closing frees what the
 * allocator holds open (a store's connections); it does not release leases.
 */
public interface IpAllocator extends AutoCloseable {

    /**
     * The allocator for interfaces without addresses (layer 2 only): allocates nothing (an empty
     * {@link Allocation}, whatever was requested), holds and releases nothing, and its checks pass.
     */
    static IpAllocator none() {
        return NoAddresses.INSTANCE;
    }

    /**
     * Allocates addresses for {@code owner}; each requested address must fall in one of the
     * allocator's ranges. Either everything is allocated or nothing is.
     *
     * @throws IpamException if the owner already holds an allocation, a requested address is
     *                       taken or outside the ranges, or a range is exhausted
     */
    Allocation allocate(Owner owner, List<InetAddress> requested);

    /** Allocates without requesting particular addresses. */
    default Allocation allocate(Owner owner) {
        return allocate(owner, List.of());
    }

    /**
     * True if addresses come from the container's interface itself, as a DHCP client gets them:
     * such an allocator is asked with {@link #allocate(Owner, List, NetNs)} once the interface
     * {@code owner.ifName()} exists and is up in the container's namespace, and {@link #release}
     * runs while the interface still has its addresses (as the CNI reference plugins order an
     * executed IPAM plugin's ADD and DEL). This default: false, addresses come from a store.
     */
    default boolean needsInterface() {
        return false;
    }

    /**
     * Allocates for {@code owner}, whose interface {@code owner.ifName()} exists and is up in
     * {@code container}. This default ignores the namespace: {@link #allocate(Owner, List)}.
     */
    default Allocation allocate(Owner owner, List<InetAddress> requested, NetNs container) {
        return allocate(owner, requested);
    }

    /** Releases everything {@code owner} holds; releasing nothing is not an error. */
    void release(Owner owner);

    /**
     * Checks that {@code owner}'s allocation is intact.
     *
     * @throws IpamException saying what is missing or damaged
     */
    void check(Owner owner);

    /** Every lease in the store, including damaged ones (see {@link Lease#problem()}). */
    List<Lease> list();

    /**
     * Releases every lease whose owner is not in {@code live}. This default releases sound
     * leases by owner; stores that can hold legacy or damaged records release those too.
     *
     * @return the leases released
     */
    default List<Lease> garbageCollect(Set<Owner> live) {
        List<Lease> released = new ArrayList<>();
        for (Lease lease : list()) {
            if (lease.isSound() && lease.ifName() != null && !lease.isHeldBy(live)) {
                release(new Owner(lease.containerId(), lease.ifName()));
                released.add(lease);
            }
        }
        return released;
    }

    /** Frees connections or descriptors the allocator holds; this default holds none. Idempotent. */
    @Override
    default void close() {
    }
}
