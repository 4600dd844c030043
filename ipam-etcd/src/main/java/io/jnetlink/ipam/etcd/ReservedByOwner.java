package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.Owner;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The addresses one store reserved for each owner and has not released since, so that a release
 * in the process that allocated (a daemon, an allocator kept open) does not first read the
 * owner's index. Only a hint: the release checks each address against the owner's index key in
 * the same transaction, and reads what else the owner holds. At most {@value #OWNERS} owners, the
 * oldest forgotten first.
 */
final class ReservedByOwner {

    private static final int OWNERS = 65_536;

    private final Map<Owner, Set<InetAddress>> byOwner = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Owner, Set<InetAddress>> eldest) {
            return size() > OWNERS;
        }
    };

    synchronized void add(Owner owner, InetAddress address) {
        byOwner.computeIfAbsent(owner, o -> new LinkedHashSet<>()).add(address);
    }

    /** What was reserved for {@code owner}, forgotten here; empty if nothing is known. */
    synchronized Set<InetAddress> take(Owner owner) {
        Set<InetAddress> held = byOwner.remove(owner);
        return held == null ? Set.of() : held;
    }
}
