package io.jnetlink.core.rtnl;

import io.jnetlink.core.codec.MessageCursor;

/**
 * Reads {@code struct fib_rule_hdr}, the family header of rule messages: the layout of
 * {@code struct rtmsg} with {@code action} where a route has its type.
 */
public final class FibRuleHdr {

    public static final int SIZE = 12;

    private FibRuleHdr() {
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

    /** The table id if below 256; {@code FRA_TABLE} carries the full value. */
    public static int table(MessageCursor m) {
        return m.payloadU8(4);
    }

    public static int action(MessageCursor m) {
        return m.payloadU8(7);
    }

    public static int flags(MessageCursor m) {
        return m.payloadS32(8);
    }
}
