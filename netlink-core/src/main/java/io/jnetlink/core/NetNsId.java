package io.jnetlink.core;

/**
 * The identity of a network namespace: device and inode of its nsfs file, as {@code stat -L}
 * shows for {@code /proc/<pid>/ns/net}. Two handles refer to the same namespace iff these match.
 */
public record NetNsId(long device, long inode) {
}
