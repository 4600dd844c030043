package io.jnetlink.macvlan;

import java.util.Set;

/** Macvlan flags ({@code MACVLAN_FLAG_*} of {@code <linux/if_link.h>}). */
public enum MacvlanFlag {
    /** Passthru only: do not put the parent in promiscuous mode. */
    NOPROMISC(1),
    /** Do not deliver by destination MAC (source mode: only by source). */
    NODST(2);

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

    /** The known flags among {@code bits}, as an unmodifiable set. */
    static Set<MacvlanFlag> fromBits(int bits) {
        return Bits.named(MacvlanFlag.class, bits, MacvlanFlag::bit);
    }
}
