package io.jnetlink.core.inet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Numeric IP addresses: strict parsing (never a name lookup), the canonical text that {@code ip}
 * and the CNI plugins print, ordering and successor.
 */
public final class InetAddresses {

    /** Dotted-quad IPv4 (as Go's net.ParseIP and iproute2 take it), or IPv6 (which has a colon). */
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private InetAddresses() {
    }

    /**
     * An address given alone or with a prefix length ({@code 198.51.100.7} or {@code 198.51.100.7/24},
     * as CNI's requested {@code ips} are): the address; the length, if any, must be valid for it.
     */
    public static InetAddress parseWithOptionalLength(String field, String text) {
        return text != null && text.contains("/") ? Prefix.parse(field, text).address() : parse(field, text);
    }

    /**
     * Parses a numeric IPv4 or IPv6 address; IPv4-mapped IPv6 addresses are refused, since tools
     * disagree on how to print them. {@code field} names the input in the error.
     */
    public static InetAddress parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be empty");
        }
        if (!NUMERIC.matcher(text).matches()) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not a numeric IPv4 or IPv6 address");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(text); // a literal only: never a name lookup
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not a valid address");
        }
        if (address instanceof Inet4Address && text.contains(":")) {
            throw new IllegalArgumentException(field + ": \"" + text
                    + "\" is an IPv4-mapped IPv6 address; write the IPv4 address");
        }
        return address;
    }

    /** The address for 4 or 16 raw bytes (network order). */
    public static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address: " + bytes.length + " bytes is neither IPv4 nor IPv6", e);
        }
    }

    /** Dotted IPv4, or IPv6 compressed as RFC 5952 says (as {@code ip} and Go's {@code net.IP} print it). */
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

    /** Orders addresses as unsigned numbers, every IPv4 address before every IPv6 address. */
    public static int compare(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }

    /** The next address, wrapping from the family's last address to its first. */
    public static InetAddress next(InetAddress address) {
        return step(address, 1);
    }

    /** The previous address, wrapping from the family's first address to its last. */
    public static InetAddress previous(InetAddress address) {
        return step(address, -1);
    }

    private static InetAddress step(InetAddress address, int by) {
        byte[] bytes = address.getAddress();
        for (int i = bytes.length - 1; i >= 0; i--) {
            int sum = (bytes[i] & 0xff) + by;
            bytes[i] = (byte) sum;
            if (sum >= 0 && sum <= 0xff) {
                break;
            }
        }
        return of(bytes);
    }
}
