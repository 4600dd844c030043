package io.jnetlink.core.codec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static io.jnetlink.core.codec.Layouts.U16;
import static io.jnetlink.core.codec.Layouts.U16_BE;
import static io.jnetlink.core.codec.Layouts.U32;
import static io.jnetlink.core.codec.Layouts.U32_BE;
import static io.jnetlink.core.codec.Layouts.U64;

/**
 * Builds netlink messages in place in a caller-owned native {@link MemorySegment}, as libmnl
 * does: a header, a family header, then attributes, nested ones included. Several messages may
 * be appended one after another (a batch). Lengths and padding follow the kernel exactly: every
 * message and attribute starts 4-aligned, padding is zeroed, {@code nla_len} excludes padding.
 * Allocates nothing except for non-ASCII strings. Not thread-safe.
 */
public final class NetlinkWriter {

    private static final int MAX_ATTRIBUTE_LENGTH = 0xffff;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private MemorySegment buffer; // MemorySegment.NULL once retired
    private long position;

    /** Writes into {@code buffer}, which must be native memory (it is handed to the kernel). */
    public NetlinkWriter(MemorySegment buffer) {
        if (!buffer.isNative()) {
            throw new IllegalArgumentException("buffer: must be a native segment, got " + buffer);
        }
        this.buffer = buffer;
    }

    /** A writer over {@code capacity} fresh bytes of {@code arena}. */
    public static NetlinkWriter allocate(Arena arena, long capacity) {
        return new NetlinkWriter(arena.allocate(capacity, 8));
    }

    public MemorySegment buffer() {
        return buffer;
    }

    /** Bytes written so far: the end of the last message. */
    public long position() {
        return position;
    }

    /**
     * Ends this writer's use of its buffer, whose memory goes on to another owner: {@link #buffer()}
     * is empty from now on, so every later write fails ({@link MessageOverflowException}). How a
     * socket's {@code requestWriter()} ends when the socket closes.
     */
    public void retire() {
        buffer = MemorySegment.NULL;
        position = 0;
    }

    /** Forgets everything written. */
    public NetlinkWriter reset() {
        position = 0;
        return this;
    }

    /**
     * Starts a message with an {@code nlmsghdr} whose sequence number and port id are left 0
     * (the socket fills in the sequence). Returns the message's offset for {@link #endMessage}.
     */
    public long beginMessage(int type, int flags) {
        long start = reserve(Netlink.NLMSG_HDRLEN);
        buffer.set(U64, start, words(0, pair(type, flags)));
        buffer.set(U64, start + 8, 0L);
        return start;
    }

    /** Completes the message started at {@code start} by writing its length. */
    public void endMessage(long start) {
        buffer.set(U32, start, (int) (position - start));
    }

    /** Drops everything written since {@code start} (a message, a nest or an attribute). */
    public void cancel(long start) {
        if (start < 0 || start > position) {
            throw new IllegalArgumentException("start: " + start + " is not a position already written");
        }
        position = start;
    }

    /** Appends {@code struct ifinfomsg}. */
    public NetlinkWriter ifinfomsg(int family, int type, int index, int flags, int change) {
        long at = reserve(16);
        buffer.set(U64, at, words(pair(family & 0xff, type), index));
        buffer.set(U64, at + 8, words(flags, change));
        return this;
    }

    /** Appends {@code struct ifaddrmsg}. */
    public NetlinkWriter ifaddrmsg(int family, int prefixLength, int flags, int scope, int index) {
        long at = reserve(8);
        buffer.set(ValueLayout.JAVA_BYTE, at, (byte) family);
        buffer.set(ValueLayout.JAVA_BYTE, at + 1, (byte) prefixLength);
        buffer.set(ValueLayout.JAVA_BYTE, at + 2, (byte) flags);
        buffer.set(ValueLayout.JAVA_BYTE, at + 3, (byte) scope);
        buffer.set(U32, at + 4, index);
        return this;
    }

    /** Appends {@code struct rtmsg}. */
    public NetlinkWriter rtmsg(int family, int dstLength, int srcLength, int tos, int table, int protocol,
                               int scope, int type, int flags) {
        long at = reserve(12);
        buffer.set(ValueLayout.JAVA_BYTE, at, (byte) family);
        buffer.set(ValueLayout.JAVA_BYTE, at + 1, (byte) dstLength);
        buffer.set(ValueLayout.JAVA_BYTE, at + 2, (byte) srcLength);
        buffer.set(ValueLayout.JAVA_BYTE, at + 3, (byte) tos);
        buffer.set(ValueLayout.JAVA_BYTE, at + 4, (byte) table);
        buffer.set(ValueLayout.JAVA_BYTE, at + 5, (byte) protocol);
        buffer.set(ValueLayout.JAVA_BYTE, at + 6, (byte) scope);
        buffer.set(ValueLayout.JAVA_BYTE, at + 7, (byte) type);
        buffer.set(U32, at + 8, flags);
        return this;
    }

    /** Appends {@code struct fib_rule_hdr}: {@code struct rtmsg}'s layout, the action where a route has its type. */
    public NetlinkWriter fibRuleHdr(int family, int dstLength, int srcLength, int tos, int table, int action,
                                    int flags) {
        return rtmsg(family, dstLength, srcLength, tos, table, 0, 0, action, flags);
    }

    /** Appends {@code struct ndmsg}: family, two padding fields (zero), ifindex, state, flags, type. */
    public NetlinkWriter ndmsg(int family, int ifindex, int state, int flags, int type) {
        long at = reserve(12);
        buffer.set(ValueLayout.JAVA_BYTE, at, (byte) family);
        buffer.set(ValueLayout.JAVA_BYTE, at + 1, (byte) 0);
        buffer.set(U16, at + 2, (short) 0);
        buffer.set(U32, at + 4, ifindex);
        buffer.set(U16, at + 8, (short) state);
        buffer.set(ValueLayout.JAVA_BYTE, at + 10, (byte) flags);
        buffer.set(ValueLayout.JAVA_BYTE, at + 11, (byte) type);
        return this;
    }

    /** Appends a zeroed family header of {@code length} bytes (padded) and returns its offset. */
    public long familyHeader(int length) {
        long at = reserve(length);
        for (long i = at; i < position; i += 4) {
            buffer.set(U32, i, 0);
        }
        return at;
    }

    public NetlinkWriter putFlag(int type) {
        attribute(type, 0);
        return this;
    }

    public NetlinkWriter putU8(int type, int value) {
        buffer.set(ValueLayout.JAVA_BYTE, attribute(type, 1), (byte) value);
        return this;
    }

    public NetlinkWriter putU16(int type, int value) {
        buffer.set(U16, attribute(type, 2), (short) value);
        return this;
    }

    /** A 16-bit value in network byte order (ports, VLAN protocols). */
    public NetlinkWriter putU16Be(int type, int value) {
        buffer.set(U16_BE, attribute(type, 2), (short) value);
        return this;
    }

    public NetlinkWriter putU32(int type, int value) {
        long at = reserve(Netlink.NLA_HDRLEN + 4);
        buffer.set(U64, at, words(pair(Netlink.NLA_HDRLEN + 4, type), value)); // header and value in one store
        return this;
    }

    public NetlinkWriter putS32(int type, int value) {
        return putU32(type, value);
    }

    public NetlinkWriter putU64(int type, long value) {
        buffer.set(U64, attribute(type, 8), value);
        return this;
    }

    /** A NUL-terminated string ({@code NLA_NUL_STRING} and {@code NLA_STRING} both accept it). */
    public NetlinkWriter putString(int type, String value) {
        int length = value.length();
        long packed = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || i >= 7) {
                return putLongString(type, value);
            }
            packed |= (long) c << (56 - 8 * i);
        }
        // up to 7 ASCII characters: the header, then characters, NUL and padding in one store
        int total = Netlink.NLA_HDRLEN + length + 1;
        long at = claim(total);
        buffer.set(U32, at, pair(total, type));
        if (length < 4) {
            buffer.set(U32_BE, at + Netlink.NLA_HDRLEN, (int) (packed >>> 32));
        } else {
            buffer.set(Layouts.U64_BE, at + Netlink.NLA_HDRLEN, packed);
        }
        return this;
    }

    /** Strings of 8 or more characters, or not ASCII (only those allocate: their UTF-8 bytes). */
    private NetlinkWriter putLongString(int type, String value) {
        int length = value.length();
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (!ascii) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            long at = attribute(type, bytes.length + 1L);
            MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, at, bytes.length);
            buffer.set(ValueLayout.JAVA_BYTE, at + bytes.length, (byte) 0);
            return this;
        }
        // four characters per store; the last store carries the NUL and the padding zeros
        long at = attribute(type, length + 1L);
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            buffer.set(U32_BE, at + i, value.charAt(i) << 24 | value.charAt(i + 1) << 16 | value.charAt(i + 2) << 8
                    | value.charAt(i + 3));
        }
        int last = 0;
        for (int k = 0; i + k < length; k++) {
            last |= value.charAt(i + k) << (24 - 8 * k);
        }
        buffer.set(U32_BE, at + i, last);
        return this;
    }

    public NetlinkWriter putBytes(int type, byte[] value) {
        MemorySegment.copy(value, 0, buffer, ValueLayout.JAVA_BYTE, attribute(type, value.length), value.length);
        return this;
    }

    public NetlinkWriter putBytes(int type, MemorySegment value) {
        MemorySegment.copy(value, 0, buffer, attribute(type, value.byteSize()), value.byteSize());
        return this;
    }

    /** A 6-byte MAC address given as the low 48 bits of {@code mac}, most significant byte first. */
    public NetlinkWriter putMac(int type, long mac) {
        long at = claim(Netlink.NLA_HDRLEN + 6);
        buffer.set(U32, at, pair(Netlink.NLA_HDRLEN + 6, type));
        buffer.set(Layouts.U64_BE, at + Netlink.NLA_HDRLEN, mac << 16); // six bytes, then two of padding
        return this;
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address in network byte order. */
    public NetlinkWriter putAddress(int type, InetAddress address) {
        return putBytes(type, address.getAddress());
    }

    /** Opens a nested attribute (with {@code NLA_F_NESTED}); returns its offset for {@link #endNest}. */
    public long beginNest(int type) {
        long start = position;
        attribute(type | Netlink.NLA_F_NESTED, 0);
        return start;
    }

    /** Opens a nested attribute without {@code NLA_F_NESTED}, as some older kernel attributes want it. */
    public long beginNestUnflagged(int type) {
        long start = position;
        attribute(type, 0);
        return start;
    }

    /** Closes the nest opened at {@code start}, writing its length. */
    public void endNest(long start) {
        long length = position - start;
        if (length > MAX_ATTRIBUTE_LENGTH) {
            throw new IllegalStateException("nested attribute of " + length + " bytes exceeds the netlink limit of "
                    + MAX_ATTRIBUTE_LENGTH);
        }
        buffer.set(U16, start, (short) length);
    }

    /** Writes an attribute header for {@code payload} bytes; returns the payload's offset. */
    private long attribute(int type, long payload) {
        if (payload > MAX_ATTRIBUTE_LENGTH - Netlink.NLA_HDRLEN) {
            throw new IllegalArgumentException("attribute " + (type & Netlink.NLA_TYPE_MASK) + ": payload of "
                    + payload + " bytes exceeds the netlink limit of " + (MAX_ATTRIBUTE_LENGTH - Netlink.NLA_HDRLEN));
        }
        long at = reserve(Netlink.NLA_HDRLEN + payload);
        buffer.set(U32, at, pair((int) (Netlink.NLA_HDRLEN + payload), type));
        return at + Netlink.NLA_HDRLEN;
    }

    /** Two host-order u32 fields, {@code first} at the lower address, as one u64. */
    private static long words(int first, int second) {
        return LITTLE_ENDIAN ? (long) second << 32 | (first & 0xffffffffL)
                : (long) first << 32 | (second & 0xffffffffL);
    }

    /** Two host-order u16 fields, {@code first} at the lower address, as one u32. */
    private static int pair(int first, int second) {
        return LITTLE_ENDIAN ? (second << 16) | (first & 0xffff) : (first << 16) | (second & 0xffff);
    }

    /**
     * Claims {@code length} bytes plus padding and returns where they start. If there is padding,
     * the last 4-byte word is zeroed, so padding is zero once the caller has written its
     * {@code length} bytes.
     */
    private long reserve(long length) {
        long start = claim(length);
        if ((length & 3) != 0) {
            buffer.set(U32, start + Netlink.align(length) - 4, 0);
        }
        return start;
    }

    /** As {@link #reserve}, leaving the padding to the caller, who writes every aligned byte. */
    private long claim(long length) {
        long aligned = Netlink.align(length);
        long start = position;
        if (aligned > buffer.byteSize() - start) {
            throw new MessageOverflowException(aligned, start, buffer.byteSize());
        }
        position = start + aligned;
        return start;
    }
}
