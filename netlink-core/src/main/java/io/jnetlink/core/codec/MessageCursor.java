package io.jnetlink.core.codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.jnetlink.core.codec.Layouts.U16;
import static io.jnetlink.core.codec.Layouts.U32;

/**
 * A flyweight view over the netlink messages in a region of bytes: {@link #next()} moves to the
 * following message and validates its header; accessors read it in place. Nothing is copied and
 * nothing is allocated. Whatever the bytes are, they raise no exception but
 * {@link MalformedMessageException}; misuse does: {@link IllegalArgumentException} for a region
 * outside the segment, {@link IllegalStateException} for reading before {@link #next()}.
 * Reusable via {@link #wrap}; not thread-safe.
 */
public final class MessageCursor {

    private MemorySegment segment = MemorySegment.NULL;
    private long next;
    private long limit;
    private long offset = -1;
    private int length;

    /** Views {@code length} bytes of {@code segment} from {@code start}, before the first message. */
    public MessageCursor wrap(MemorySegment segment, long start, long length) {
        if (start < 0 || length < 0 || start > segment.byteSize() - length) {
            throw new IllegalArgumentException("region [" + start + ", +" + length + ") is outside a segment of "
                    + segment.byteSize() + " bytes");
        }
        this.segment = segment;
        this.next = start;
        this.limit = start + length;
        this.offset = -1;
        this.length = 0;
        return this;
    }

    /** Moves to the next message; false when the region is exhausted. */
    public boolean next() {
        if (next >= limit) {
            offset = -1;
            return false;
        }
        long remaining = limit - next;
        if (remaining < Netlink.NLMSG_HDRLEN) {
            throw new MalformedMessageException("truncated netlink header: " + remaining + " bytes left at offset "
                    + next);
        }
        long declared = Integer.toUnsignedLong(segment.get(U32, next));
        if (declared < Netlink.NLMSG_HDRLEN || declared > remaining) {
            throw new MalformedMessageException("netlink message at offset " + next + " declares length " + declared
                    + " but " + remaining + " bytes remain (minimum " + Netlink.NLMSG_HDRLEN + ")");
        }
        offset = next;
        length = (int) declared;
        next = Math.min(limit, offset + Netlink.align(declared));
        return true;
    }

    public MemorySegment segment() {
        return segment;
    }

    /** Offset of the current message's header in {@link #segment()}. */
    public long offset() {
        return current();
    }

    /** {@code nlmsg_len}: header plus payload. */
    public int length() {
        current();
        return length;
    }

    public int type() {
        return Short.toUnsignedInt(segment.get(U16, current() + 4));
    }

    public int flags() {
        return Short.toUnsignedInt(segment.get(U16, current() + 6));
    }

    public int seq() {
        return segment.get(U32, current() + 8);
    }

    public int pid() {
        return segment.get(U32, current() + 12);
    }

    public int payloadLength() {
        current();
        return length - Netlink.NLMSG_HDRLEN;
    }

    /** An unsigned byte of the payload (family header fields). */
    public int payloadU8(int at) {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, payloadField(at, 1)));
    }

    public int payloadU16(int at) {
        return Short.toUnsignedInt(segment.get(U16, payloadField(at, 2)));
    }

    public int payloadS32(int at) {
        return segment.get(U32, payloadField(at, 4));
    }

    /**
     * Points {@code into} at this message's attributes, which follow a family header of
     * {@code headerLength} bytes (padded to 4).
     */
    public AttributeCursor attributes(int headerLength, AttributeCursor into) {
        long start = payloadField(0, (int) Netlink.align(headerLength)) + Netlink.align(headerLength);
        return into.wrap(segment, start, offset + length);
    }

    private long payloadField(int at, int width) {
        long base = current() + Netlink.NLMSG_HDRLEN;
        if (at < 0 || at + width > length - Netlink.NLMSG_HDRLEN) {
            throw new MalformedMessageException("netlink message of type " + type() + " has a payload of "
                    + (length - Netlink.NLMSG_HDRLEN) + " bytes, too short for " + width + " bytes at " + at);
        }
        return base + at;
    }

    private long current() {
        if (offset < 0) {
            throw new IllegalStateException("no current message: call next() first");
        }
        return offset;
    }
}
