package io.jnetlink.macvlan;

import java.util.Set;
import java.util.StringJoiner;

/**
 * A device flag ({@code IFF_*} of {@code <linux/if.h>}), named as {@code ip link} prints it
 * between angle brackets; listed in the order {@code ip} prints them.
 */
public enum LinkFlag {
    LOOPBACK(0x8),
    BROADCAST(0x2),
    POINTOPOINT(0x10),
    MULTICAST(0x1000),
    NOARP(0x80),
    ALLMULTI(0x200),
    PROMISC(0x100),
    NOTRAILERS(0x20),
    DEBUG(0x4),
    DYNAMIC(0x8000),
    AUTOMEDIA(0x4000),
    PORTSEL(0x2000),
    MASTER(0x400),
    SLAVE(0x800),
    UP(0x1),
    LOWER_UP(0x10000),
    DORMANT(0x20000),
    ECHO(0x40000),
    RUNNING(0x40);

    private final int bit;

    LinkFlag(int bit) {
        this.bit = bit;
    }

    /** Its bit in {@link Link#flags()}. */
    public int bit() {
        return bit;
    }

    /** The flags set in {@code bits}, as an unmodifiable set (bits without a name are left out). */
    public static Set<LinkFlag> fromBits(int bits) {
        return Bits.named(LinkFlag.class, bits, LinkFlag::bit);
    }

    /**
     * {@code <BROADCAST,MULTICAST,UP,LOWER_UP>} as {@code ip link} prints {@code bits}:
     * {@code NO-CARRIER} for a link that is up without carrier, {@code RUNNING} left out, bits
     * without a name in hex at the end.
     */
    static String text(int bits) {
        StringJoiner out = new StringJoiner(",", "<", ">");
        if ((bits & UP.bit) != 0 && (bits & RUNNING.bit) == 0) {
            out.add("NO-CARRIER");
        }
        int rest = bits & ~RUNNING.bit;
        for (LinkFlag flag : values()) {
            if (flag != RUNNING && (rest & flag.bit) != 0) {
                out.add(flag.name());
                rest &= ~flag.bit;
            }
        }
        if (rest != 0) {
            out.add(Integer.toHexString(rest));
        }
        return out.toString();
    }
}
