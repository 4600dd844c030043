package io.jnetlink.ipam.etcd;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.ipam.Owner;

import java.net.InetAddress;

/**
 * Where one network's records live in etcd, all below {@code <keyPrefix>/<network>/}:
 * {@code ips/<address>} (the lease record), {@code owners/<containerId>/<ifName>/<address>} (the
 * index by holder), {@code last_reserved_ip.<set>} and {@code last_reserved_pos.<set>} (a range
 * set's {@link Cursor}), {@code released/<slot>} (the last release among the addresses whose low
 * 12 bits are {@code slot}, so that an allocation in flight does not take an address released
 * after it looked).
 *
 * @param base {@code <keyPrefix>/<network>/}
 */
record NetworkKeys(String base) {

    /** Released-address slots: the low 12 bits of an address, so neighbouring addresses never share one. */
    private static final int SLOTS = 1 << 12;

    static NetworkKeys of(EtcdSettings settings, String network) {
        return new NetworkKeys(settings.keyPrefix() + "/" + network + "/");
    }

    /** The prefix of every lease record. */
    String leases() {
        return base + "ips/";
    }

    String lease(InetAddress address) {
        return leases() + InetAddresses.text(address);
    }

    /** The prefix of {@code owner}'s index keys, each ending in an address it holds. */
    String ownerIndex(Owner owner) {
        return ownerIndex(owner.containerId(), owner.ifName());
    }

    String ownerIndex(String containerId, String ifName) {
        return base + "owners/" + containerId + "/" + ifName + "/";
    }

    /** The index key saying that {@code containerId}/{@code ifName} holds {@code address}. */
    String index(String containerId, String ifName, InetAddress address) {
        return ownerIndex(containerId, ifName) + InetAddresses.text(address);
    }

    String lastReserved(int rangeSet) {
        return base + "last_reserved_ip." + rangeSet;
    }

    String position(int rangeSet) {
        return base + "last_reserved_pos." + rangeSet;
    }

    /** The key whose modification revision is that of the last release in {@code address}'s slot. */
    String released(InetAddress address) {
        byte[] bytes = address.getAddress();
        int low = ((bytes[bytes.length - 2] & 0xff) << 8 | bytes[bytes.length - 1] & 0xff) % SLOTS;
        return base + "released/" + low;
    }
}
