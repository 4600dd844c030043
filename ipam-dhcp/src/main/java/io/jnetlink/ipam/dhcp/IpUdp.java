package io.jnetlink.ipam.dhcp;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * IPv4 and UDP headers around a DHCP message, for a packet socket that sends and receives whole
 * IP packets (RFC 791, RFC 768): {@link #wrap} builds a packet with both checksums, {@link #unwrap}
 * returns the UDP payload of a packet for a port, or null for any other packet.
 */
final class IpUdp {

    private static final int IP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int PROTOCOL_UDP = 17;

    private IpUdp() {
    }

    /** An IPv4 packet from {@code source}:{@code sourcePort} to {@code destination}:{@code destinationPort}. */
    static byte[] wrap(byte[] payload, Inet4Address source, int sourcePort, Inet4Address destination,
                       int destinationPort) {
        int total = IP_HEADER + UDP_HEADER + payload.length;
        byte[] p = new byte[total];
        p[0] = 0x45; // version 4, 5 words
        p[2] = (byte) (total >>> 8);
        p[3] = (byte) total;
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        p[4] = (byte) (id >>> 8);
        p[5] = (byte) id;
        p[8] = 64; // TTL
        p[9] = PROTOCOL_UDP;
        System.arraycopy(source.getAddress(), 0, p, 12, 4);
        System.arraycopy(destination.getAddress(), 0, p, 16, 4);
        putShort(p, 10, checksum(p, 0, IP_HEADER, 0));
        putShort(p, 20, sourcePort);
        putShort(p, 22, destinationPort);
        putShort(p, 24, UDP_HEADER + payload.length);
        System.arraycopy(payload, 0, p, 28, payload.length);
        int sum = checksum(p, 20, UDP_HEADER + payload.length, pseudoHeaderSum(p, UDP_HEADER + payload.length));
        putShort(p, 26, sum == 0 ? 0xffff : sum);
        return p;
    }

    /**
     * The UDP payload of the IPv4 packet in {@code packet[0..length)} if it is an unfragmented UDP
     * datagram to {@code port} with consistent lengths; else null.
     */
    static byte[] unwrap(byte[] packet, int length, int port) {
        if (length < IP_HEADER + UDP_HEADER || (packet[0] & 0xf0) != 0x40 || (packet[9] & 0xff) != PROTOCOL_UDP) {
            return null;
        }
        int ihl = (packet[0] & 0x0f) * 4;
        int total = getShort(packet, 2);
        if (ihl < IP_HEADER || total > length || total < ihl + UDP_HEADER || (getShort(packet, 6) & 0x3fff) != 0) {
            return null; // a bad header, or a fragment
        }
        int udp = ihl;
        int udpLength = getShort(packet, udp + 4);
        if (getShort(packet, udp + 2) != port || udpLength < UDP_HEADER || udp + udpLength > total) {
            return null;
        }
        // The UDP checksum is not checked: a reply sent from this host's own stack through a veth or
        // macvlan arrives with the checksum left for offload (CHECKSUM_PARTIAL), wrong as read here,
        // as ISC dhclient learnt; the DHCP parser checks what it reads, and Ethernet's FCS the wire.
        return Arrays.copyOfRange(packet, udp + UDP_HEADER, udp + udpLength);
    }

    private static int pseudoHeaderSum(byte[] p, int udpLength) {
        int sum = 0;
        for (int i = 12; i < 20; i += 2) {
            sum += getShort(p, i);
        }
        return sum + PROTOCOL_UDP + udpLength;
    }

    /** The ones' complement of the ones' complement sum of {@code p[offset..offset+length)} plus {@code initial}. */
    private static int checksum(byte[] p, int offset, int length, int initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += getShort(p, offset + i);
        }
        if ((length & 1) != 0) {
            sum += (p[offset + length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static int getShort(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
