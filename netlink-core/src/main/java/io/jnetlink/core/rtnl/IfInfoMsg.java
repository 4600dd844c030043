package io.jnetlink.core.rtnl;

import io.jnetlink.core.codec.MessageCursor;

/** Reads {@code struct ifinfomsg}, the family header of link messages. */
public final class IfInfoMsg {

    public static final int SIZE = 16;

    private IfInfoMsg() {
    }

    public static int family(MessageCursor m) {
        return m.payloadU8(0);
    }

    /** {@code ifi_type}: the ARPHRD_* hardware type. */
    public static int type(MessageCursor m) {
        return m.payloadU16(2);
    }

    public static int index(MessageCursor m) {
        return m.payloadS32(4);
    }

    /** {@code ifi_flags}: IFF_* bits. */
    public static int flags(MessageCursor m) {
        return m.payloadS32(8);
    }

    /** {@code ifi_change}: which flags changed; all ones in the notification of a new link. */
    public static int change(MessageCursor m) {
        return m.payloadS32(12);
    }
}
