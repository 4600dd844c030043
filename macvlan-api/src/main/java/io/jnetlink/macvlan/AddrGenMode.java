package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.Ifla;

import java.util.Optional;

/**
 * How a link makes its IPv6 link-local (and SLAAC) addresses: {@code IN6_ADDR_GEN_MODE_*} of
 * {@code <linux/if_link.h>}, as {@code ip link set dev X addrgenmode ...} sets it.
 */
public enum AddrGenMode {
    /** From the MAC (modified EUI-64), the kernel's default: {@code addrgenmode eui64}. */
    EUI64(Ifla.IN6_ADDR_GEN_MODE_EUI64, "eui64"),
    /** No link-local address at all: {@code addrgenmode none}. */
    NONE(Ifla.IN6_ADDR_GEN_MODE_NONE, "none"),
    /**
     * RFC 7217 stable privacy addresses from the link's (or the namespace's default)
     * {@code stable_secret}, which must be set first: {@code addrgenmode stable_secret}.
     */
    STABLE_PRIVACY(Ifla.IN6_ADDR_GEN_MODE_STABLE_PRIVACY, "stable_secret"),
    /** Stable privacy addresses from a random secret: {@code addrgenmode random}. */
    RANDOM(Ifla.IN6_ADDR_GEN_MODE_RANDOM, "random");

    private final int kernelValue;
    private final String ipName;

    AddrGenMode(int kernelValue, String ipName) {
        this.kernelValue = kernelValue;
        this.ipName = ipName;
    }

    /** Its {@code IN6_ADDR_GEN_MODE_*} value. */
    public int kernelValue() {
        return kernelValue;
    }

    /** As {@code ip link} spells it: {@code eui64}, {@code none}, {@code stable_secret}, {@code random}. */
    public String ipName() {
        return ipName;
    }

    /** The mode for a kernel value; empty for one this library does not know. */
    public static Optional<AddrGenMode> of(int kernelValue) {
        for (AddrGenMode mode : values()) {
            if (mode.kernelValue == kernelValue) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
