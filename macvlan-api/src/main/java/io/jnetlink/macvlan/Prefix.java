package io.jnetlink.macvlan;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IP prefix such as {@code 198.51.100.0/24}, or an address with its prefix length.
 *
 * @param address the address as written
 * @param length  the prefix length
 */
public record Prefix(InetAddress address, int length) {

    public Prefix {
        int max = address instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length: " + length + " is outside 0.." + max + " for "
                    + address.getHostAddress());
        }
    }

    /**
     * Parses {@code a.b.c.d/n} or {@code x::y/n}; a bare address is a host prefix. Only numeric
     * addresses are accepted (no name lookups). With {@code requireNetwork}, host bits must be zero.
     */
    public static Prefix parse(String text, boolean requireNetwork) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("prefix: must not be empty");
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (!host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("prefix: \"" + text + "\" is not a numeric IPv4 or IPv6 address");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("prefix: \"" + text + "\" is not a valid address");
        }
        int max = address instanceof Inet4Address ? 32 : 128;
        int length;
        try {
            length = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix: \"" + text + "\" has a bad prefix length");
        }
        Prefix prefix = new Prefix(address, length);
        if (requireNetwork && !prefix.network().equals(address)) {
            throw new IllegalArgumentException("prefix: \"" + text + "\" has host bits set; the network is "
                    + prefix.network().getHostAddress() + "/" + length);
        }
        return prefix;
    }

    /** The address with host bits cleared. */
    public InetAddress network() {
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return Address.inet(bytes);
    }

    /** The address with host bits set (the IPv4 broadcast). */
    public InetAddress lastAddress() {
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return Address.inet(bytes);
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return text(address) + "/" + length;
    }

    /** An address as {@code ip} prints it: dotted IPv4, or IPv6 compressed per RFC 5952. */
    public static String text(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
