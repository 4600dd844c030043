package io.jnetlink.core.rtnl;

import io.jnetlink.core.codec.MessageCursor;

/** Reads {@code struct ifaddrmsg}, the family header of address messages. */
public final class IfAddrMsg {

    public static final int SIZE = 8;

    private IfAddrMsg() {
    }

    public static int family(MessageCursor m) {
        return m.payloadU8(0);
    }

    public static int prefixLength(MessageCursor m) {
        return m.payloadU8(1);
    }

    /** The low 8 flag bits; {@code IFA_FLAGS} carries all 32. */
    public static int flags(MessageCursor m) {
        return m.payloadU8(2);
    }

    public static int scope(MessageCursor m) {
        return m.payloadU8(3);
    }

    public static int index(MessageCursor m) {
        return m.payloadS32(4);
    }
}
