package io.jnetlink.ipam;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;

import java.net.InetAddress;

/**
 * An address for the container (CNI {@code ips[]}).
 *
 * @param address the address with its subnet's prefix length, e.g. {@code 198.51.100.2/24}
 * @param gateway the gateway, or null
 */
public record IpConfig(Prefix address, InetAddress gateway) {

    public IpConfig {
        if (address == null) {
            throw new IllegalArgumentException("address: must not be null");
        }
        if (gateway != null && gateway.getAddress().length != address.address().getAddress().length) {
            throw new IllegalArgumentException("gateway: " + InetAddresses.text(gateway)
                    + " is not of the same family as address " + address);
        }
    }

    /** As {@code ip address} and CNI write it: {@code 198.51.100.7/24 gw 198.51.100.1}, the gateway only if there is one. */
    @Override
    public String toString() {
        return text(address, gateway);
    }

    /** The text of {@link #toString()} for any address and gateway (a CNI result's {@code ips} too). */
    public static String text(Prefix address, InetAddress gateway) {
        return address + (gateway == null ? "" : " gw " + InetAddresses.text(gateway));
    }
}
