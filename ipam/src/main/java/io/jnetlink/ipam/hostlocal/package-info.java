/**
 * The {@code host-local} IPAM type: range sets, requested addresses, gateway rules and
 * round-robin as the CNI reference plugin allocates, over its on-disk store
 * ({@link io.jnetlink.ipam.hostlocal.DiskLeaseStore}: the same files and the same {@code flock}, so
 * both plugins can share one data directory).
 */
package io.jnetlink.ipam.hostlocal;
