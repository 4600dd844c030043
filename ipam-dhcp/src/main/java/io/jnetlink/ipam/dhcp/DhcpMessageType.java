package io.jnetlink.ipam.dhcp;

/** Option 53's values (RFC 2132 9.6). */
public enum DhcpMessageType {
    DHCPDISCOVER(1), DHCPOFFER(2), DHCPREQUEST(3), DHCPDECLINE(4), DHCPACK(5), DHCPNAK(6), DHCPRELEASE(7),
    DHCPINFORM(8);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }

    /** The type of value {@code code}, or null for one RFC 2132 does not define. */
    public static DhcpMessageType of(int code) {
        return code >= 1 && code <= values().length ? values()[code - 1] : null;
    }
}
