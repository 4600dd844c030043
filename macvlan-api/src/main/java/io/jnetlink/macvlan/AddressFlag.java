package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.Ifa;

import java.util.Collection;
import java.util.Set;

/**
 * An address flag ({@code IFA_F_*} of {@code <linux/if_addr.h>}), named by {@link #ipName()} as
 * the kernel's header and {@code ip address add} name it ({@code ip address show} words a few its
 * own way: {@code dynamic} for an address without PERMANENT, {@code temporary} for an IPv6
 * SECONDARY). Some are the kernel's to report only (tentative, deprecated, dadfailed, permanent);
 * the kernel ignores those in a request.
 */
public enum AddressFlag {
    /** IPv4: not the first address of its subnet; IPv6: a temporary (privacy) address ({@code temporary}). */
    SECONDARY(Ifa.IFA_F_SECONDARY, "secondary"),
    /** No duplicate address detection: usable at once. */
    NODAD(Ifa.IFA_F_NODAD, "nodad"),
    /** Optimistic DAD (RFC 4429): usable while DAD runs. */
    OPTIMISTIC(Ifa.IFA_F_OPTIMISTIC, "optimistic"),
    /** DAD found a duplicate. */
    DADFAILED(Ifa.IFA_F_DADFAILED, "dadfailed"),
    /** A Mobile IPv6 home address. */
    HOMEADDRESS(Ifa.IFA_F_HOMEADDRESS, "home"),
    /** Past its preferred lifetime. */
    DEPRECATED(Ifa.IFA_F_DEPRECATED, "deprecated"),
    /** DAD is still running. */
    TENTATIVE(Ifa.IFA_F_TENTATIVE, "tentative"),
    /** Added by hand, not by autoconfiguration ({@code ip} prints its absence, as {@code dynamic}). */
    PERMANENT(Ifa.IFA_F_PERMANENT, "permanent"),
    /** Make temporary addresses from this one's prefix ({@code mngtmpaddr}). */
    MANAGETEMPADDR(Ifa.IFA_F_MANAGETEMPADDR, "mngtmpaddr"),
    /** Add no prefix route for the address's subnet. */
    NOPREFIXROUTE(Ifa.IFA_F_NOPREFIXROUTE, "noprefixroute"),
    /** Join the multicast group of a multicast address ({@code autojoin}). */
    MCAUTOJOIN(Ifa.IFA_F_MCAUTOJOIN, "autojoin"),
    /** Made by RFC 7217 stable privacy ({@code stable-privacy}). */
    STABLE_PRIVACY(Ifa.IFA_F_STABLE_PRIVACY, "stable-privacy");

    private final int bit;
    private final String ipName;

    AddressFlag(int bit, String ipName) {
        this.bit = bit;
        this.ipName = ipName;
    }

    /** Its bit in {@link Address#flags()}. */
    public int bit() {
        return bit;
    }

    /** As {@code ip address} names it, e.g. {@code noprefixroute}. */
    public String ipName() {
        return ipName;
    }

    /** The flags set in {@code bits}, as an unmodifiable set (bits without a name are left out). */
    public static Set<AddressFlag> fromBits(int bits) {
        return Bits.named(AddressFlag.class, bits, AddressFlag::bit);
    }

    /** The bits of {@code flags}; {@link IllegalArgumentException} if the set or a flag in it is null. */
    public static int toBits(Collection<AddressFlag> flags) {
        if (flags == null) {
            throw new IllegalArgumentException("address flags: must not be null");
        }
        int bits = 0;
        for (AddressFlag flag : flags) {
            if (flag == null) {
                throw new IllegalArgumentException("address flags: must not contain null");
            }
            bits |= flag.bit;
        }
        return bits;
    }
}
