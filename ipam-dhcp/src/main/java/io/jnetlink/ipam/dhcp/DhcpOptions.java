package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.inet.InetAddresses;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The options of a DHCP message (RFC 2132), by code, in the order they came or were added; an
 * option split over several instances is joined (RFC 3396). Values are kept as bytes and read
 * through typed getters that reject a wrong length with {@link MalformedDhcpException}.
 * Immutable: {@link #with} returns a copy.
 */
public final class DhcpOptions {

    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DOMAIN_NAME_SERVER = 6;
    public static final int HOST_NAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int STATIC_ROUTE = 33;
    public static final int REQUESTED_IP_ADDRESS = 50;
    public static final int IP_ADDRESS_LEASE_TIME = 51;
    public static final int OPTION_OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_IDENTIFIER = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAXIMUM_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int VENDOR_CLASS_IDENTIFIER = 60;
    public static final int CLIENT_IDENTIFIER = 61;
    public static final int USER_CLASS = 77;
    public static final int CLASSLESS_STATIC_ROUTE = 121;
    public static final int END = 255;

    /** No options. */
    public static final DhcpOptions NONE = new DhcpOptions(new LinkedHashMap<>());

    private final Map<Integer, byte[]> values;

    private DhcpOptions(Map<Integer, byte[]> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** These options with {@code code} set to {@code value} (replacing an earlier value, keeping its place). */
    public DhcpOptions with(int code, byte[] value) {
        if (code <= PAD || code >= END) {
            throw new IllegalArgumentException("DHCP option code: " + code + " is not 1-254");
        }
        Map<Integer, byte[]> copy = new LinkedHashMap<>(values);
        copy.put(code, value.clone());
        return new DhcpOptions(copy);
    }

    /** These options with {@code code} holding one byte. */
    public DhcpOptions with(int code, int oneByte) {
        return with(code, new byte[]{(byte) oneByte});
    }

    /** These options with {@code code} holding an IPv4 address. */
    public DhcpOptions with(int code, Inet4Address address) {
        return with(code, address.getAddress());
    }

    /** The codes present, in order. */
    public List<Integer> codes() {
        return List.copyOf(values.keySet());
    }

    /** The raw value of {@code code}. */
    public Optional<byte[]> get(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    public boolean has(int code) {
        return values.containsKey(code);
    }

    /** Option 53, or empty if absent or undefined. */
    public Optional<DhcpMessageType> messageType() {
        byte[] v = values.get(MESSAGE_TYPE);
        if (v == null) {
            return Optional.empty();
        }
        requireLength(MESSAGE_TYPE, v, 1);
        return Optional.ofNullable(DhcpMessageType.of(v[0] & 0xff));
    }

    /** The single address of option {@code code} (e.g. 1, 50, 54). */
    public Optional<Inet4Address> address(int code) {
        byte[] v = values.get(code);
        if (v == null) {
            return Optional.empty();
        }
        requireLength(code, v, 4);
        return Optional.of(ipv4(v, 0));
    }

    /** The addresses of a list option (3, 6): a positive multiple of four bytes. */
    public List<Inet4Address> addresses(int code) {
        byte[] v = values.get(code);
        if (v == null) {
            return List.of();
        }
        if (v.length == 0 || v.length % 4 != 0) {
            throw new MalformedDhcpException("option " + code + ": " + v.length
                    + " bytes, not a list of IPv4 addresses (a positive multiple of 4)");
        }
        List<Inet4Address> list = new ArrayList<>();
        for (int i = 0; i < v.length; i += 4) {
            list.add(ipv4(v, i));
        }
        return list;
    }

    /** A 32-bit unsigned option (51, 58, 59) in seconds. */
    public OptionalLong seconds(int code) {
        byte[] v = values.get(code);
        if (v == null) {
            return OptionalLong.empty();
        }
        requireLength(code, v, 4);
        return OptionalLong.of(((v[0] & 0xffL) << 24) | ((v[1] & 0xff) << 16) | ((v[2] & 0xff) << 8) | (v[3] & 0xff));
    }

    /** A text option (12, 15, 56), its trailing NULs dropped. */
    public Optional<String> text(int code) {
        byte[] v = values.get(code);
        if (v == null) {
            return Optional.empty();
        }
        int end = v.length;
        while (end > 0 && v[end - 1] == 0) {
            end--;
        }
        return Optional.of(new String(v, 0, end, StandardCharsets.US_ASCII));
    }

    /** The options' wire form (without the magic cookie and without the end option). */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            byte[] v = e.getValue();
            int offset = 0;
            do { // longer than 255 bytes: several instances (RFC 3396)
                int n = Math.min(255, v.length - offset);
                out.write(e.getKey());
                out.write(n);
                out.write(v, offset, n);
                offset += n;
            } while (offset < v.length);
        }
        return out.toByteArray();
    }

    /**
     * Parses options in {@code bytes[offset..end)} into {@code into}, joining repeated codes;
     * stops at the end option. Returns whether the end option was found.
     */
    static boolean parse(byte[] bytes, int offset, int end, Map<Integer, byte[]> into, String where) {
        int i = offset;
        while (i < end) {
            int code = bytes[i] & 0xff;
            if (code == END) {
                return true;
            }
            if (code == PAD) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                throw new MalformedDhcpException(where + ": option " + code + " at byte " + i + " has no length");
            }
            int length = bytes[i + 1] & 0xff;
            if (i + 2 + length > end) {
                throw new MalformedDhcpException(where + ": option " + code + " at byte " + i + " says " + length
                        + " bytes, only " + (end - i - 2) + " remain");
            }
            byte[] value = Arrays.copyOfRange(bytes, i + 2, i + 2 + length);
            into.merge(code, value, DhcpOptions::concat);
            i += 2 + length;
        }
        return false;
    }

    static DhcpOptions of(Map<Integer, byte[]> values) {
        return new DhcpOptions(new LinkedHashMap<>(values));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void requireLength(int code, byte[] v, int length) {
        if (v.length != length) {
            throw new MalformedDhcpException("option " + code + ": " + v.length + " bytes, must be " + length);
        }
    }

    static Inet4Address ipv4(byte[] bytes, int offset) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** {@code 53=05 54=198.51.100.1 ...}: each option's code and value (hex, or the address). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            byte[] v = e.getValue();
            s.append(e.getKey()).append('=').append(v.length == 4 && e.getKey() != 51 && e.getKey() != 58
                    && e.getKey() != 59 ? InetAddresses.text(ipv4(v, 0)) : HexFormat.of().formatHex(v));
        }
        return s.toString();
    }
}
