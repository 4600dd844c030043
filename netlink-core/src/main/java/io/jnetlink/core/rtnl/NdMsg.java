package io.jnetlink.core.rtnl;

import io.jnetlink.core.codec.MessageCursor;

/**
 * Reads {@code struct ndmsg}, the family header of neighbour messages (12 bytes: u8 family,
 * u8 and u16 padding, s32 ifindex, u16 state, u8 flags, u8 type), and holds the values of its
 * state ({@code NUD_*}) and flags ({@code NTF_*}) fields.
 */
public final class NdMsg {

    public static final int SIZE = 12;

    public static final int NUD_NONE = 0x00;
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_DELAY = 0x08;
    public static final int NUD_PROBE = 0x10;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;

    public static final int NTF_USE = 0x01;
    public static final int NTF_SELF = 0x02;
    public static final int NTF_MASTER = 0x04;
    /** A proxy entry ({@code ip neigh add proxy}): in requests, selects the proxy table. */
    public static final int NTF_PROXY = 0x08;
    public static final int NTF_EXT_LEARNED = 0x10;
    public static final int NTF_OFFLOADED = 0x20;
    public static final int NTF_STICKY = 0x40;
    public static final int NTF_ROUTER = 0x80;

    private NdMsg() {
    }

    public static int family(MessageCursor m) {
        return m.payloadU8(0);
    }

    public static int ifindex(MessageCursor m) {
        return m.payloadS32(4);
    }

    /** {@code NUD_*} bits (a u16 field; the kernel's states fit the low byte). */
    public static int state(MessageCursor m) {
        return m.payloadU16(8);
    }

    /** {@code NTF_*} bits; {@code NDA_FLAGS_EXT} carries the rest. */
    public static int flags(MessageCursor m) {
        return m.payloadU8(10);
    }

    /** {@code RTN_*} type of the destination, e.g. unicast or broadcast. */
    public static int type(MessageCursor m) {
        return m.payloadU8(11);
    }
}
