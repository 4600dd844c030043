package io.jnetlink.ipam.dhcp;

import io.jnetlink.core.inet.MacAddress;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A DHCP message (RFC 2131 section 2): the BOOTP header fields and the options. {@link #encode()}
 * writes it as a client sends it; {@link #parse} reads any message, rejecting malformed bytes with
 * {@link MalformedDhcpException} only.
 *
 * @param op      1 BOOTREQUEST, 2 BOOTREPLY
 * @param xid     the transaction id
 * @param secs    seconds since the client began
 * @param flags   the flags; {@link #BROADCAST} asks the server to broadcast its reply
 * @param ciaddr  the client's address (renewing, rebinding, releasing), or 0.0.0.0
 * @param yiaddr  the address offered or acknowledged
 * @param siaddr  the next server's address
 * @param giaddr  the relay agent's address
 * @param chaddr  the client's hardware address (Ethernet), or null for another kind
 * @param options the options
 */
public record DhcpMessage(int op, int xid, int secs, int flags, Inet4Address ciaddr, Inet4Address yiaddr,
                          Inet4Address siaddr, Inet4Address giaddr, MacAddress chaddr, DhcpOptions options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int BROADCAST = 0x8000;
    /** The server's and the client's UDP ports. */
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;

    private static final int HEADER = 236;
    private static final int MIN_LENGTH = 300; // BOOTP's minimum, which some relays and servers insist on
    private static final byte[] MAGIC_COOKIE = {99, (byte) 130, 83, 99};
    private static final Inet4Address ZERO = DhcpOptions.ipv4(new byte[4], 0);

    public DhcpMessage {
        ciaddr = ciaddr == null ? ZERO : ciaddr;
        yiaddr = yiaddr == null ? ZERO : yiaddr;
        siaddr = siaddr == null ? ZERO : siaddr;
        giaddr = giaddr == null ? ZERO : giaddr;
        options = options == null ? DhcpOptions.NONE : options;
    }

    /** A client's request (op 1) of {@code type}, from {@code chaddr}, with {@code options} after option 53. */
    public static DhcpMessage request(DhcpMessageType type, int xid, int flags, Inet4Address ciaddr, MacAddress chaddr,
                                      DhcpOptions options) {
        DhcpOptions all = DhcpOptions.NONE.with(DhcpOptions.MESSAGE_TYPE, type.code());
        for (int code : options.codes()) {
            all = all.with(code, options.get(code).orElseThrow());
        }
        return new DhcpMessage(BOOTREQUEST, xid, 0, flags, ciaddr, null, null, null, chaddr, all);
    }

    /** Option 53, or empty if absent or undefined. */
    public Optional<DhcpMessageType> type() {
        return options.messageType();
    }

    /** The message with {@code secs} set. */
    public DhcpMessage withSecs(int seconds) {
        return new DhcpMessage(op, xid, Math.min(0xffff, seconds), flags, ciaddr, yiaddr, siaddr, giaddr, chaddr,
                options);
    }

    /** The wire form: header, magic cookie, options, end; padded to 300 bytes. */
    public byte[] encode() {
        byte[] opts = options.encode();
        byte[] b = new byte[Math.max(MIN_LENGTH, HEADER + 4 + opts.length + 1)];
        b[0] = (byte) op;
        b[1] = 1; // htype: Ethernet
        b[2] = 6; // hlen
        putInt(b, 4, xid);
        b[8] = (byte) (secs >>> 8);
        b[9] = (byte) secs;
        b[10] = (byte) (flags >>> 8);
        b[11] = (byte) flags;
        System.arraycopy(ciaddr.getAddress(), 0, b, 12, 4);
        System.arraycopy(yiaddr.getAddress(), 0, b, 16, 4);
        System.arraycopy(siaddr.getAddress(), 0, b, 20, 4);
        System.arraycopy(giaddr.getAddress(), 0, b, 24, 4);
        if (chaddr != null) {
            System.arraycopy(chaddr.bytes(), 0, b, 28, 6);
        }
        System.arraycopy(MAGIC_COOKIE, 0, b, HEADER, 4);
        System.arraycopy(opts, 0, b, HEADER + 4, opts.length);
        b[HEADER + 4 + opts.length] = (byte) DhcpOptions.END;
        return b;
    }

    /**
     * Reads a message from {@code bytes[offset..offset+length)}: the header, the magic cookie and
     * the options, including those overloaded into {@code file} and {@code sname} (option 52).
     *
     * @throws MalformedDhcpException saying what is wrong and where
     */
    public static DhcpMessage parse(byte[] bytes, int offset, int length) {
        if (length < HEADER + 4) {
            throw new MalformedDhcpException("DHCP message: " + length + " bytes, shorter than the "
                    + (HEADER + 4) + " of its header and magic cookie");
        }
        byte[] b = Arrays.copyOfRange(bytes, offset, offset + length);
        int op = b[0] & 0xff;
        if (op != BOOTREQUEST && op != BOOTREPLY) {
            throw new MalformedDhcpException("DHCP message: op " + op + " is neither 1 (request) nor 2 (reply)");
        }
        if (!Arrays.equals(b, HEADER, HEADER + 4, MAGIC_COOKIE, 0, 4)) {
            throw new MalformedDhcpException("DHCP message: no magic cookie 99.130.83.99 at byte " + HEADER);
        }
        MacAddress chaddr = (b[1] & 0xff) == 1 && (b[2] & 0xff) == 6 ? MacAddress.of(b, 28) : null;
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        DhcpOptions.parse(b, HEADER + 4, b.length, options, "DHCP options");
        byte[] overload = options.get(DhcpOptions.OPTION_OVERLOAD);
        if (overload != null) {
            if (overload.length != 1 || overload[0] < 1 || overload[0] > 3) {
                throw new MalformedDhcpException("option 52: " + Arrays.toString(overload) + " is not 1, 2 or 3");
            }
            if ((overload[0] & 1) != 0) {
                DhcpOptions.parse(b, 108, 236, options, "options in the file field");
            }
            if ((overload[0] & 2) != 0) {
                DhcpOptions.parse(b, 44, 108, options, "options in the sname field");
            }
        }
        return new DhcpMessage(op, getInt(b, 4), ((b[8] & 0xff) << 8) | (b[9] & 0xff),
                ((b[10] & 0xff) << 8) | (b[11] & 0xff), DhcpOptions.ipv4(b, 12), DhcpOptions.ipv4(b, 16),
                DhcpOptions.ipv4(b, 20), DhcpOptions.ipv4(b, 24), chaddr, DhcpOptions.of(options));
    }

    @Override
    public String toString() {
        return type().map(Enum::name).orElse(op == BOOTREQUEST ? "BOOTREQUEST" : "BOOTREPLY")
                + String.format(" xid 0x%08x", xid) + (yiaddr.equals(ZERO) ? "" : " yiaddr " + yiaddr.getHostAddress())
                + (ciaddr.equals(ZERO) ? "" : " ciaddr " + ciaddr.getHostAddress())
                + (chaddr == null ? "" : " chaddr " + chaddr) + " [" + options + "]";
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
