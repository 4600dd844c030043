package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;

import java.net.InetAddress;

/**
 * One range of a host-local range set: a subnet and the part of it to lease. Missing values take
 * the reference plugin's defaults: gateway = network + 1, rangeStart = network + 1, rangeEnd =
 * the subnet's last address (IPv4: the one before the broadcast).
 *
 * @param subnet     the subnet, host bits clear, at least 4 addresses (IPv4 /30, IPv6 /126)
 * @param rangeStart first address to lease, inclusive
 * @param rangeEnd   last address to lease, inclusive
 * @param gateway    the gateway, never leased
 */
public record IpRange(Prefix subnet, InetAddress rangeStart, InetAddress rangeEnd, InetAddress gateway) {

    public IpRange {
        if (subnet == null) {
            throw new IllegalArgumentException("subnet: is required");
        }
        int bits = subnet.isIpv4() ? 32 : 128;
        if (subnet.length() > bits - 2) {
            throw new IllegalArgumentException("subnet: network " + subnet + " is too small to allocate from");
        }
        if (!subnet.network().equals(subnet.address())) {
            throw new IllegalArgumentException("subnet: " + subnet + " has host bits set; the network is "
                    + subnet.toNetwork());
        }
        InetAddress first = InetAddresses.next(subnet.network());
        InetAddress broadcast = subnet.lastAddress();
        gateway = gateway == null ? first : requireInSubnet("gateway", gateway, subnet);
        rangeStart = rangeStart == null ? first : requireInSubnet("rangeStart", rangeStart, subnet);
        if (rangeEnd == null) {
            rangeEnd = subnet.isIpv4() ? InetAddresses.previous(broadcast) : broadcast;
        } else {
            requireInSubnet("rangeEnd", rangeEnd, subnet);
        }
        if (subnet.isIpv4() && (rangeStart.equals(subnet.network()) || rangeEnd.equals(broadcast))) {
            throw new IllegalArgumentException("rangeStart/rangeEnd: " + text(rangeStart) + "-" + text(rangeEnd)
                    + " would lease the network or broadcast address of " + subnet);
        }
        if (InetAddresses.compare(rangeStart, rangeEnd) > 0) {
            throw new IllegalArgumentException("rangeStart: " + text(rangeStart) + " is after rangeEnd "
                    + text(rangeEnd));
        }
    }

    /** The whole subnet with the default gateway. */
    public static IpRange of(Prefix subnet) {
        return new IpRange(subnet, null, null, null);
    }

    /** Parses a subnet such as {@code 198.51.100.0/24} with the defaults. */
    public static IpRange of(String subnet) {
        return of(Prefix.parseNetwork("subnet", subnet));
    }

    /** True if {@code address} is between rangeStart and rangeEnd (inclusive). */
    public boolean contains(InetAddress address) {
        return subnet.contains(address) && InetAddresses.compare(address, rangeStart) >= 0
                && InetAddresses.compare(address, rangeEnd) <= 0;
    }

    /** True if this range and {@code other} share an address. */
    public boolean overlaps(IpRange other) {
        return contains(other.rangeStart) || contains(other.rangeEnd)
                || other.contains(rangeStart) || other.contains(rangeEnd);
    }

    @Override
    public String toString() {
        return text(rangeStart) + "-" + text(rangeEnd);
    }

    private static InetAddress requireInSubnet(String field, InetAddress address, Prefix subnet) {
        if (!subnet.contains(address)) {
            throw new IllegalArgumentException(field + ": " + text(address) + " is not in network " + subnet);
        }
        return address;
    }

    private static String text(InetAddress address) {
        return InetAddresses.text(address);
    }
}
