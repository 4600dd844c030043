package io.jnetlink.core.codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import static io.jnetlink.core.codec.Layouts.U16;
import static io.jnetlink.core.codec.Layouts.U16_BE;
import static io.jnetlink.core.codec.Layouts.U32;
import static io.jnetlink.core.codec.Layouts.U64;

/**
 * A flyweight view over a run of netlink attributes: {@link #next()} moves to the following
 * attribute and validates its header; accessors read its payload in place. Nested attributes
 * are entered with {@link #nested(AttributeCursor)} into another (reusable) cursor, so walking a
 * tree allocates nothing per attribute. Unknown attributes are simply passed over by the caller.
 * Lengths that overrun the region, or a payload too short for the value read, raise
 * {@link MalformedMessageException}, the only exception bytes can cause; misuse raises
 * {@link IllegalArgumentException} (a region outside the segment) or
 * {@link IllegalStateException} (reading before {@link #next()}). Not thread-safe.
 */
public final class AttributeCursor {

    private MemorySegment segment = MemorySegment.NULL;
    private long start;
    private long next;
    private long limit;
    private long offset = -1;
    private int length;
    private int rawType;

    /** Views the attributes in {@code [from, to)} of {@code segment}, before the first one. */
    public AttributeCursor wrap(MemorySegment segment, long from, long to) {
        if (from < 0 || to < from || to > segment.byteSize()) {
            throw new IllegalArgumentException("region [" + from + ", " + to + ") is outside a segment of "
                    + segment.byteSize() + " bytes");
        }
        this.segment = segment;
        this.start = from;
        this.next = from;
        this.limit = to;
        this.offset = -1;
        return this;
    }

    /** Goes back before the first attribute of the region. */
    public AttributeCursor rewind() {
        next = start;
        offset = -1;
        return this;
    }

    /** Moves to the next attribute; false when the region is exhausted. */
    public boolean next() {
        if (next >= limit) {
            offset = -1;
            return false;
        }
        long remaining = limit - next;
        if (remaining < Netlink.NLA_HDRLEN) {
            throw new MalformedMessageException("truncated attribute header: " + remaining + " bytes left at offset "
                    + next);
        }
        int declared = Short.toUnsignedInt(segment.get(U16, next));
        if (declared < Netlink.NLA_HDRLEN || declared > remaining) {
            throw new MalformedMessageException("attribute at offset " + next + " declares length " + declared
                    + " but " + remaining + " bytes remain (minimum " + Netlink.NLA_HDRLEN + ")");
        }
        offset = next;
        length = declared;
        rawType = Short.toUnsignedInt(segment.get(U16, next + 2));
        next = Math.min(limit, offset + Netlink.align(declared));
        return true;
    }

    /** Moves to the first attribute of {@code type} in the region; false if there is none. */
    public boolean find(int type) {
        rewind();
        while (next()) {
            if (type() == type) {
                return true;
            }
        }
        return false;
    }

    /** The attribute type without the {@code NLA_F_NESTED} and {@code NLA_F_NET_BYTEORDER} bits. */
    public int type() {
        current();
        return rawType & Netlink.NLA_TYPE_MASK;
    }

    /** Whether the sender marked this attribute {@code NLA_F_NESTED}. */
    public boolean isNestedFlag() {
        current();
        return (rawType & Netlink.NLA_F_NESTED) != 0;
    }

    public int payloadLength() {
        current();
        return length - Netlink.NLA_HDRLEN;
    }

    /** Offset of the payload in {@link #segment()}. */
    public long payloadOffset() {
        return current() + Netlink.NLA_HDRLEN;
    }

    public MemorySegment segment() {
        return segment;
    }

    public int u8() {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, payload(1)));
    }

    public int u16() {
        return Short.toUnsignedInt(segment.get(U16, payload(2)));
    }

    public int u16Be() {
        return Short.toUnsignedInt(segment.get(U16_BE, payload(2)));
    }

    /** A 32-bit value; unsigned callers use {@link Integer#toUnsignedLong}. */
    public int u32() {
        return segment.get(U32, payload(4));
    }

    public int s32() {
        return u32();
    }

    public long u64() {
        return segment.get(U64, payload(8));
    }

    /** A 6-byte MAC as the low 48 bits of a long, first byte most significant. */
    public long mac() {
        long at = payload(6);
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = (mac << 8) | Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, at + i));
        }
        return mac;
    }

    /** The payload up to its first NUL (or its end), decoded as UTF-8. */
    public String string() {
        long at = payloadOffset();
        int n = payloadLength();
        int end = 0;
        while (end < n && segment.get(ValueLayout.JAVA_BYTE, at + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, at, bytes, 0, end);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A copy of the payload. */
    public byte[] bytes() {
        byte[] bytes = new byte[payloadLength()];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, payloadOffset(), bytes, 0, bytes.length);
        return bytes;
    }

    /**
     * The payload as an IPv4 (4 bytes) or IPv6 (16 bytes) address; an IPv4-mapped IPv6 address
     * ({@code ::ffff:192.0.2.1}) stays an IPv6 address, as the message's family has it.
     */
    public InetAddress address() {
        int n = payloadLength();
        if (n != 4 && n != 16) {
            throw new MalformedMessageException("attribute " + type() + " of " + n
                    + " bytes is not an IPv4 or IPv6 address");
        }
        try {
            return n == 16 ? java.net.Inet6Address.getByAddress(null, bytes(), -1) : InetAddress.getByAddress(bytes());
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("attribute " + type() + ": " + e.getMessage());
        }
    }

    /** Points {@code into} at the attributes nested in this one's payload. */
    public AttributeCursor nested(AttributeCursor into) {
        long at = payloadOffset();
        return into.wrap(segment, at, at + payloadLength());
    }

    /** Like {@link #nested(AttributeCursor)} with a new cursor. */
    public AttributeCursor nested() {
        return nested(new AttributeCursor());
    }

    private long payload(int width) {
        int n = payloadLength();
        if (n < width) {
            throw new MalformedMessageException("attribute " + type() + " has " + n + " payload bytes, "
                    + width + " needed");
        }
        return offset + Netlink.NLA_HDRLEN;
    }

    private long current() {
        if (offset < 0) {
            throw new IllegalStateException("no current attribute: call next() first");
        }
        return offset;
    }
}
