package io.jnetlink.core;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.rtnl.Rtnetlink;

import static io.jnetlink.core.codec.Netlink.NLMSG_HDRLEN;

/**
 * Reads the error an {@code NLMSG_ERROR} (or {@code NLMSG_DONE}) carries: the errno, and the
 * extended ACK's message ({@code NLMSGERR_ATTR_MSG}) and attribute offset
 * ({@code NLMSGERR_ATTR_OFFS}) when the kernel sent them ({@code NLM_F_ACK_TLVS}), whether the
 * echoed request is capped ({@code NLM_F_CAPPED}) or not.
 */
final class ExtendedAck {

    private final AttributeCursor tlvs = new AttributeCursor();

    /**
     * The error of the terminal message {@code reply} points at, or null for an ACK (errno 0)
     * or an empty {@code NLMSG_DONE}.
     *
     * @param fallbackOperation what was attempted, used when the reply echoes no request header
     * @param expectedErrno     an errno the caller expects and turns into an answer (made without a
     *                          stack trace: {@link NetlinkErrorException#expected}), or 0
     */
    NetlinkErrorException error(MessageCursor reply, int protocol, String fallbackOperation, int expectedErrno) {
        int type = reply.type();
        int payload = reply.payloadLength();
        if (payload < 4) {
            if (type == Netlink.NLMSG_DONE) {
                return null; // some families send an empty DONE
            }
            throw new MalformedMessageException("NLMSG_ERROR with " + payload + " payload bytes");
        }
        int error = reply.payloadS32(0);
        if (error == 0) {
            return null;
        }
        long tlvStart = 4;
        String operation = fallbackOperation;
        if (type == Netlink.NLMSG_ERROR) {
            // the echoed request header, and its payload unless NLM_F_CAPPED
            long echoed = (reply.flags() & Netlink.NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN
                    : Netlink.align(Integer.toUnsignedLong(reply.payloadS32(4)));
            tlvStart += echoed;
            if (payload >= 4 + NLMSG_HDRLEN) {
                operation = operationName(protocol, reply.payloadU16(8));
            }
        }
        String text = null;
        int offset = -1;
        if ((reply.flags() & Netlink.NLM_F_ACK_TLVS) != 0 && tlvStart <= payload) {
            long base = reply.offset() + NLMSG_HDRLEN;
            tlvs.wrap(reply.segment(), base + tlvStart, base + payload);
            while (tlvs.next()) {
                if (tlvs.type() == Netlink.NLMSGERR_ATTR_MSG) {
                    text = tlvs.string();
                } else if (tlvs.type() == Netlink.NLMSGERR_ATTR_OFFS) {
                    offset = tlvs.u32();
                }
            }
        }
        return -error == expectedErrno ? NetlinkErrorException.expected(operation, -error, text, offset)
                : new NetlinkErrorException(operation, -error, text, offset);
    }

    /** The kernel's name of a message type of {@code protocol}, e.g. {@code RTM_NEWLINK}. */
    static String operationName(int protocol, int type) {
        return protocol == Netlink.NETLINK_ROUTE ? Rtnetlink.typeName(type) : "netlink message type " + type;
    }
}
