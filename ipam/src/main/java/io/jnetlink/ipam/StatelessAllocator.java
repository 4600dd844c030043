package io.jnetlink.ipam;

import java.util.List;

/**
 * An allocator that keeps no leases, such as {@code static} and {@link IpAllocator#none()}: what
 * it hands out is given by its configuration alone, so releasing and checking do nothing and
 * there is nothing to list or collect.
 */
public interface StatelessAllocator extends IpAllocator {

    /** Does nothing: nothing is held. */
    @Override
    default void release(Owner owner) {
    }

    /** Passes: nothing is held that could be damaged. */
    @Override
    default void check(Owner owner) {
    }

    /** Empty: nothing is held. */
    @Override
    default List<Lease> list() {
        return List.of();
    }
}
