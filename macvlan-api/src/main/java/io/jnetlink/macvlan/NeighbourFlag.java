package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.Nda;
import io.jnetlink.core.rtnl.NdMsg;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A flag of a neighbour entry: {@code NTF_*} of {@code <linux/neighbour.h>} in {@code ndm_flags},
 * or, for {@link #MANAGED} and {@link #EXT_VALIDATED}, {@code NTF_EXT_*} in {@code NDA_FLAGS_EXT}.
 * {@code ip neigh show} prints six of them: {@code router proxy managed extern_valid extern_learn offload}.
 */
public enum NeighbourFlag {
    /** {@code NTF_USE}: (in a request) a controller uses the entry: resolve or refresh it. Never reported. */
    USE(NdMsg.NTF_USE, 0),
    /** {@code NTF_SELF}: (bridge FDB) the entry is the device's own. */
    SELF(NdMsg.NTF_SELF, 0),
    /** {@code NTF_MASTER}: (bridge FDB) the entry is the master's. */
    MASTER(NdMsg.NTF_MASTER, 0),
    /** {@code NTF_PROXY}: a proxy ARP / NDP entry ({@code ip neigh add proxy}). */
    PROXY(NdMsg.NTF_PROXY, 0),
    /** {@code NTF_EXT_LEARNED}: learned by a control plane outside the kernel ({@code extern_learn}). */
    EXT_LEARNED(NdMsg.NTF_EXT_LEARNED, 0),
    /** {@code NTF_OFFLOADED}: offloaded to hardware. */
    OFFLOADED(NdMsg.NTF_OFFLOADED, 0),
    /** {@code NTF_STICKY}: (bridge FDB) the entry never moves to another port. */
    STICKY(NdMsg.NTF_STICKY, 0),
    /** {@code NTF_ROUTER}: the neighbour is an IPv6 router. */
    ROUTER(NdMsg.NTF_ROUTER, 0),
    /** {@code NTF_EXT_MANAGED}: the kernel keeps the entry resolved on a control plane's behalf ({@code managed}). */
    MANAGED(0, Nda.NTF_EXT_MANAGED),
    /** {@code NTF_EXT_EXT_VALIDATED}: validated by a control plane; the kernel never removes it (Linux 6.16+). */
    EXT_VALIDATED(0, Nda.NTF_EXT_EXT_VALIDATED);

    private final int bit;
    private final int extendedBit;

    NeighbourFlag(int bit, int extendedBit) {
        this.bit = bit;
        this.extendedBit = extendedBit;
    }

    /** Its bit in {@code ndm_flags}, or in {@code NDA_FLAGS_EXT} if {@link #isExtended()}. */
    public int bit() {
        return bit != 0 ? bit : extendedBit;
    }

    /** True for a flag {@code NDA_FLAGS_EXT} carries rather than {@code ndm_flags}. */
    public boolean isExtended() {
        return extendedBit != 0;
    }

    /** The known flags among {@code ndmFlags} and {@code extendedFlags} ({@code NDA_FLAGS_EXT}), unmodifiable. */
    static Set<NeighbourFlag> fromBits(int ndmFlags, int extendedFlags) {
        EnumSet<NeighbourFlag> flags = EnumSet.noneOf(NeighbourFlag.class);
        flags.addAll(Bits.named(NeighbourFlag.class, ndmFlags, f -> f.bit));
        flags.addAll(Bits.named(NeighbourFlag.class, extendedFlags, f -> f.extendedBit));
        return Collections.unmodifiableSet(flags);
    }

    /** The {@code ndm_flags} value of {@code flags}. */
    static int ndmFlags(Set<NeighbourFlag> flags) {
        return Bits.of(flags, f -> f.bit);
    }

    /** The {@code NDA_FLAGS_EXT} value of {@code flags}; 0 when none is extended. */
    static int extendedFlags(Set<NeighbourFlag> flags) {
        return Bits.of(flags, f -> f.extendedBit);
    }

    /** The word {@code ip neigh show} prints for it, or null for one it leaves out (USE, SELF, MASTER, STICKY). */
    String ipName() {
        return switch (this) {
            case ROUTER -> "router";
            case PROXY -> "proxy";
            case MANAGED -> "managed";
            case EXT_VALIDATED -> "extern_valid";
            case EXT_LEARNED -> "extern_learn";
            case OFFLOADED -> "offload";
            default -> null;
        };
    }

    /** The order {@code ip neigh show} prints flags in. */
    static final NeighbourFlag[] IP_ORDER = {ROUTER, PROXY, MANAGED, EXT_VALIDATED, EXT_LEARNED, OFFLOADED};
}
