package io.jnetlink.core.inet;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A 48-bit Ethernet MAC address, held as the low 48 bits of a long.
 *
 * @param value the address, first byte most significant
 */
public record MacAddress(long value) {

    /** Checks that {@code value} fits 48 bits. */
    public MacAddress {
        if ((value & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("MAC address: " + Long.toHexString(value) + " is wider than 48 bits");
        }
    }

    /** Parses {@code 02:42:ac:11:00:02} (also with {@code -} separators). */
    public static MacAddress parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("MAC address: \"" + text + "\" is not 6 hex bytes like 02:00:5e:00:53:01");
        }
        long value = 0;
        for (String part : parts) {
            if (part.length() != 2 || !HexFormat.isHexDigit(part.charAt(0)) || !HexFormat.isHexDigit(part.charAt(1))) {
                throw new IllegalArgumentException("MAC address: \"" + text + "\" has a bad byte \"" + part + "\"");
            }
            value = (value << 8) | HexFormat.fromHexDigits(part);
        }
        return new MacAddress(value);
    }

    /** The broadcast address {@code ff:ff:ff:ff:ff:ff}. */
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

    /** The address in {@code bytes[offset..offset+6)}, first byte most significant (as on the wire). */
    public static MacAddress of(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 6; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return new MacAddress(value);
    }

    /** The six bytes, first byte first (as on the wire). */
    public byte[] bytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (value >>> (40 - 8 * i));
        }
        return b;
    }

    /** A random locally administered unicast address (as the kernel's {@code eth_random_addr}). */
    public static MacAddress randomLocal() {
        long value = ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL;
        value &= ~(1L << 40); // unicast
        value |= 1L << 41;    // locally administered
        return new MacAddress(value);
    }

    /** True if the group bit (the least significant bit of the first byte) is set: broadcast is multicast too. */
    public boolean isMulticast() {
        return (value & (1L << 40)) != 0;
    }

    /** True for {@code 00:00:00:00:00:00}. */
    public boolean isZero() {
        return value == 0;
    }

    /** Returns this address if it can be a link's own address: unicast and not all zeros. */
    public MacAddress requireUnicast(String field) {
        if (isZero() || isMulticast()) {
            throw new IllegalArgumentException(field + ": " + this + " is not a unicast address"
                    + (isZero() ? " (all zeros)" : " (multicast bit set)"));
        }
        return this;
    }

    /** Lower-case hex bytes separated by colons, e.g. {@code 02:42:ac:11:00:02}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift != 40) {
                s.append(':');
            }
            s.append(HexFormat.of().toHexDigits((byte) (value >>> shift)));
        }
        return s.toString();
    }
}
