package io.jnetlink.core.rtnl;

import io.jnetlink.core.codec.MessageCursor;

/**
 * Reads {@code struct rtmsg}, the family header of route messages, and {@code struct fib_rule_hdr},
 * that of rule messages: the same layout, with the rule's action where a route has its type.
 */
public final class RtMsg {

    public static final int SIZE = 12;

    private RtMsg() {
    }

    public static int family(MessageCursor m) {
        return m.payloadU8(0);
    }

    public static int dstLength(MessageCursor m) {
        return m.payloadU8(1);
    }

    public static int srcLength(MessageCursor m) {
        return m.payloadU8(2);
    }

    public static int tos(MessageCursor m) {
        return m.payloadU8(3);
    }

    /** The table id if below 256; {@code RTA_TABLE} carries the full value. */
    public static int table(MessageCursor m) {
        return m.payloadU8(4);
    }

    public static int protocol(MessageCursor m) {
        return m.payloadU8(5);
    }

    public static int scope(MessageCursor m) {
        return m.payloadU8(6);
    }

    public static int type(MessageCursor m) {
        return m.payloadU8(7);
    }

    public static int flags(MessageCursor m) {
        return m.payloadS32(8);
    }
}
