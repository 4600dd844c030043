package io.jnetlink.core.inet;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IP prefix such as {@code 198.51.100.0/24}, or an address with its prefix length
 * ({@code 198.51.100.7/24}, as CNI results and {@code ip address} write it).
 *
 * @param address the address as written
 * @param length  the prefix length
 */
public record Prefix(InetAddress address, int length) {

    public Prefix {
        if (address == null) {
            throw new IllegalArgumentException("prefix: address must not be null");
        }
        int max = address instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length: " + length + " is outside 0.." + max + " for "
                    + InetAddresses.text(address));
        }
    }

    /**
     * Parses {@code a.b.c.d/n} or {@code x::y/n}, host bits allowed (an address with its prefix
     * length); a bare address is a host prefix ({@code /32}, {@code /128}). Only numeric addresses
     * are accepted (no name lookups).
     */
    public static Prefix parse(String text) {
        return parse("prefix", text);
    }

    /** As {@link #parse(String)}, naming {@code field} in errors. */
    public static Prefix parse(String field, String text) {
        return parse(field, text, HostBits.ALLOWED);
    }

    /** Parses a network such as {@code 198.51.100.0/24}: as {@link #parse(String)}, but host bits must be zero. */
    public static Prefix parseNetwork(String text) {
        return parseNetwork("prefix", text);
    }

    /** As {@link #parseNetwork(String)}, naming {@code field} in errors. */
    public static Prefix parseNetwork(String field, String text) {
        return parse(field, text, HostBits.REFUSED);
    }

    private enum HostBits { ALLOWED, REFUSED }

    private static Prefix parse(String field, String text, HostBits hostBits) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be empty");
        }
        int slash = text.indexOf('/');
        InetAddress address;
        try {
            address = InetAddresses.parse(field, slash < 0 ? text : text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not a numeric IPv4 or IPv6 prefix", e);
        }
        int max = address instanceof Inet4Address ? 32 : 128;
        int length;
        try {
            length = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" has a bad prefix length");
        }
        if (length < 0 || length > max) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" has prefix length outside 0.." + max);
        }
        Prefix prefix = new Prefix(address, length);
        if (hostBits == HostBits.REFUSED && !prefix.network().equals(address)) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" has host bits set; the network is "
                    + prefix.toNetwork());
        }
        return prefix;
    }

    /** The address with host bits cleared. */
    public InetAddress network() {
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return InetAddresses.of(bytes);
    }

    /** This prefix with host bits cleared. */
    public Prefix toNetwork() {
        return new Prefix(network(), length);
    }

    /** The address with host bits set (the IPv4 broadcast). */
    public InetAddress lastAddress() {
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return InetAddresses.of(bytes);
    }

    /** True if {@code other} is of this family and inside this prefix. */
    public boolean contains(InetAddress other) {
        if (other.getAddress().length != address.getAddress().length) {
            return false;
        }
        return new Prefix(other, length).network().equals(network());
    }

    /** Its family, IPv4 or IPv6. */
    public IpFamily family() {
        return IpFamily.of(address);
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return InetAddresses.text(address) + "/" + length;
    }
}
