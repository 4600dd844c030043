package io.jnetlink.core.inet;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address family as {@code ip -4} / {@code ip -6} select it: {@code AF_INET} or {@code AF_INET6}. */
public enum IpFamily {

    /** {@code AF_INET}. */
    IPV4(2, 32),
    /** {@code AF_INET6}. */
    IPV6(10, 128);

    private final int number;
    private final int bits;

    IpFamily(int number, int bits) {
        this.number = number;
        this.bits = bits;
    }

    /** The family of {@code address}. */
    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }

    /** The kernel's number for it ({@code AF_INET} is 2, {@code AF_INET6} 10). */
    public int number() {
        return number;
    }

    /** Address length in bits: the longest prefix (32, 128). */
    public int bits() {
        return bits;
    }

    /** The whole address space, the default route's destination: {@code 0.0.0.0/0} or {@code ::/0}. */
    public Prefix any() {
        return new Prefix(InetAddresses.of(new byte[bits / 8]), 0);
    }
}
