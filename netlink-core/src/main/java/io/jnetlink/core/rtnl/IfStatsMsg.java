package io.jnetlink.core.rtnl;

import io.jnetlink.core.codec.MessageCursor;

/**
 * Reads {@code struct if_stats_msg}, the family header of {@code RTM_NEWSTATS} and
 * {@code RTM_GETSTATS}: u8 family, u8 and u16 padding, u32 ifindex, u32 filter mask.
 */
public final class IfStatsMsg {

    public static final int SIZE = 12;

    private IfStatsMsg() {
    }

    public static int family(MessageCursor m) {
        return m.payloadU8(0);
    }

    public static int index(MessageCursor m) {
        return m.payloadS32(4);
    }

    /** Which {@code IFLA_STATS_*} the reply carries ({@link Ifla#statsFilterBit}). */
    public static int filterMask(MessageCursor m) {
        return m.payloadS32(8);
    }
}
