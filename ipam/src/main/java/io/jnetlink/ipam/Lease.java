package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;

import java.net.InetAddress;
import java.util.Set;

/**
 * One allocated address as the store holds it.
 *
 * @param address     the address
 * @param containerId the holder's container id, or null if the record is unreadable
 * @param ifName      the holder's interface, or null for a legacy record (container id only)
 *                    or an unreadable one
 * @param problem     why the record is damaged (empty, unreadable), or null if it is sound
 */
public record Lease(InetAddress address, String containerId, String ifName, String problem) {

    /** True if the record names its holder. */
    public boolean isSound() {
        return problem == null;
    }

    /** True if a sound lease belongs to one of {@code owners} (legacy leases: by container id). */
    public boolean isHeldBy(Set<Owner> owners) {
        if (!isSound()) {
            return false;
        }
        if (ifName == null) {
            return owners.stream().anyMatch(o -> o.containerId().equals(containerId));
        }
        return owners.contains(new Owner(containerId, ifName));
    }

    @Override
    public String toString() {
        String who = problem != null ? "damaged: " + problem
                : ifName == null ? containerId : containerId + "/" + ifName;
        return InetAddresses.text(address) + " (" + who + ")";
    }
}
