package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.NdMsg;

import java.util.Set;

/**
 * The state of a neighbour entry ({@code NUD_*} of {@code <linux/neighbour.h>}), named as
 * {@code ip neigh} prints it and listed in the order it prints them. An entry has a set of them,
 * usually one; {@code NUD_NONE} (0) is the empty set.
 */
public enum NeighbourState {
    /** {@code NUD_INCOMPLETE}: resolution under way, no answer yet. */
    INCOMPLETE(NdMsg.NUD_INCOMPLETE),
    /** {@code NUD_REACHABLE}: confirmed recently. */
    REACHABLE(NdMsg.NUD_REACHABLE),
    /** {@code NUD_STALE}: valid, but to be confirmed when next used. */
    STALE(NdMsg.NUD_STALE),
    /** {@code NUD_DELAY}: used while stale; waiting before a probe. */
    DELAY(NdMsg.NUD_DELAY),
    /** {@code NUD_PROBE}: being confirmed by unicast probes. */
    PROBE(NdMsg.NUD_PROBE),
    /** {@code NUD_FAILED}: resolution failed. */
    FAILED(NdMsg.NUD_FAILED),
    /** {@code NUD_NOARP}: valid without resolution and never checked (multicast and broadcast destinations). */
    NOARP(NdMsg.NUD_NOARP),
    /** {@code NUD_PERMANENT}: set by an administrator; never expires nor is garbage-collected. */
    PERMANENT(NdMsg.NUD_PERMANENT);

    private final int bit;

    NeighbourState(int bit) {
        this.bit = bit;
    }

    /** Its bit in {@code ndm_state}. */
    public int bit() {
        return bit;
    }

    /**
     * The states in {@code bits} (an {@code ndm_state} value, as {@code ip neigh ... nud <number>}
     * takes one), as an unmodifiable set; 0 is the empty set.
     *
     * @throws IllegalArgumentException naming {@code neighbour state} if a bit is set that no
     *                                  {@code NUD_*} state has (the kernel keeps only the low 8 bits)
     */
    public static Set<NeighbourState> fromBits(int bits) {
        if ((bits & ~0xff) != 0) {
            throw new IllegalArgumentException("neighbour state: 0x" + Integer.toHexString(bits)
                    + " has bits no NUD_* state has (they are 0x01..0x80)");
        }
        return Bits.named(NeighbourState.class, bits, NeighbourState::bit);
    }

    /** The {@code ndm_state} value of {@code states}. */
    static int toBits(Set<NeighbourState> states) {
        return Bits.of(states, NeighbourState::bit);
    }
}
