/**
 * The allocator SPI: {@link io.jnetlink.ipam.Ipam} opens an {@link io.jnetlink.ipam.IpAllocator}
 * of a named type through the {@link io.jnetlink.ipam.IpamPlugin}s that
 * {@link java.util.ServiceLoader} finds; {@link io.jnetlink.ipam.IpAllocator#none()} allocates
 * nothing (layer 2 only). Range allocators keep leases in a {@link io.jnetlink.ipam.LeaseStore},
 * each lease written as one {@link io.jnetlink.ipam.LeaseRecord}.
 */
package io.jnetlink.ipam;
