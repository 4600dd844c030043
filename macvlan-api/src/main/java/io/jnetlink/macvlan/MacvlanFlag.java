package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.Ifla;

import java.util.EnumSet;
import java.util.Set;

/** Macvlan flags ({@code MACVLAN_FLAG_*}). */
public enum MacvlanFlag {
    /** Passthru only: do not put the parent in promiscuous mode. */
    NOPROMISC(Ifla.MACVLAN_FLAG_NOPROMISC),
    /** Do not deliver by destination MAC (source mode: only by source). */
    NODST(Ifla.MACVLAN_FLAG_NODST);

    private final int bit;

    MacvlanFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    static int toBits(Set<MacvlanFlag> flags) {
        int bits = 0;
        for (MacvlanFlag flag : flags) {
            bits |= flag.bit;
        }
        return bits;
    }

    static Set<MacvlanFlag> fromBits(int bits) {
        EnumSet<MacvlanFlag> flags = EnumSet.noneOf(MacvlanFlag.class);
        for (MacvlanFlag flag : values()) {
            if ((bits & flag.bit) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
