package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.IfStatsMsg;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A link's counters as {@code ip -s link} shows them: {@code struct rtnl_link_stats64} of
 * {@code <linux/if_link.h>}, in its field order. This file is the statistics kind: how they are
 * asked for ({@code RTM_GETSTATS} with {@code IFLA_STATS_LINK_64}) and read ({@code IFLA_STATS64}
 * of a link, {@code IFLA_STATS_LINK_64} of a stats reply).
 *
 * <p>Every counter is an <b>unsigned</b> 64-bit value held in a {@code long}: compare them with
 * {@link Long#compareUnsigned} and print them with {@link Long#toUnsignedString(long)} (a counter
 * past 2<sup>63</sup> reads negative). A counter the kernel does not report (an older kernel's
 * shorter struct) is 0.
 *
 * @param rxPackets          packets received
 * @param txPackets          packets sent
 * @param rxBytes            bytes received
 * @param txBytes            bytes sent
 * @param rxErrors           bad packets received
 * @param txErrors           packets that could not be sent
 * @param rxDropped          packets received but dropped (no buffer space, unknown protocol, ...)
 * @param txDropped          packets dropped before they were sent
 * @param multicast          multicast packets received
 * @param collisions         collisions while sending
 * @param rxLengthErrors     received frames of a bad length
 * @param rxOverErrors       receive ring overflows
 * @param rxCrcErrors        received frames with a bad CRC
 * @param rxFrameErrors      received frames misaligned
 * @param rxFifoErrors       receive FIFO overruns
 * @param rxMissedErrors     packets the device missed
 * @param txAbortedErrors    sends aborted
 * @param txCarrierErrors    sends that lost the carrier
 * @param txFifoErrors       send FIFO underruns
 * @param txHeartbeatErrors  heartbeat (SQE) errors
 * @param txWindowErrors     late collisions
 * @param rxCompressed       compressed packets received
 * @param txCompressed       compressed packets sent
 * @param rxNohandler        packets dropped for want of a protocol handler ({@code rx_nohandler})
 * @param rxOtherhostDropped packets dropped as addressed to another host ({@code rx_otherhost_dropped})
 */
public record LinkStats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
                        long rxDropped, long txDropped, long multicast, long collisions, long rxLengthErrors,
                        long rxOverErrors, long rxCrcErrors, long rxFrameErrors, long rxFifoErrors,
                        long rxMissedErrors, long txAbortedErrors, long txCarrierErrors, long txFifoErrors,
                        long txHeartbeatErrors, long txWindowErrors, long rxCompressed, long txCompressed,
                        long rxNohandler, long rxOtherhostDropped) {

    /** The number of counters of {@code struct rtnl_link_stats64} this record holds. */
    static final int COUNTERS = 25;

    /** Appends an {@code RTM_GETSTATS} for the 64-bit counters of link {@code index}, or of every link (a dump) for 0. */
    static void request(NetlinkWriter w, int index, int flags) {
        long m = w.beginMessage(Rtnetlink.RTM_GETSTATS, flags);
        long header = w.familyHeader(IfStatsMsg.SIZE); // family AF_UNSPEC and the padding stay 0
        w.buffer().set(ValueLayout.JAVA_INT_UNALIGNED, header + 4, index);
        w.buffer().set(ValueLayout.JAVA_INT_UNALIGNED, header + 8, Ifla.statsFilterBit(Ifla.IFLA_STATS_LINK_64));
        w.endMessage(m);
    }

    /**
     * Reads an {@code RTM_NEWSTATS}: its {@code IFLA_STATS_LINK_64}, or null if it has none (a
     * reply to another filter). {@code a} is a cursor to reuse.
     */
    static LinkStats decode(MessageCursor m, AttributeCursor a) {
        m.attributes(IfStatsMsg.SIZE, a);
        return a.find(Ifla.IFLA_STATS_LINK_64) ? read(a) : null;
    }

    /**
     * Reads a {@code struct rtnl_link_stats64} from the current attribute of {@code a}: as many
     * whole counters as its payload holds (an older kernel sends fewer, a newer one more).
     */
    static LinkStats read(AttributeCursor a) {
        long[] c = new long[COUNTERS];
        MemorySegment segment = a.segment();
        long at = a.payloadOffset();
        int n = Math.min(COUNTERS, a.payloadLength() / Long.BYTES);
        for (int i = 0; i < n; i++) {
            c[i] = segment.get(ValueLayout.JAVA_LONG_UNALIGNED, at + (long) i * Long.BYTES);
        }
        return new LinkStats(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13],
                c[14], c[15], c[16], c[17], c[18], c[19], c[20], c[21], c[22], c[23], c[24]);
    }

    /**
     * As {@code ip -s link} prints them, on one line: {@code RX: bytes 196 packets 2 errors 0
     * dropped 0 missed 0 mcast 0 TX: bytes 196 packets 2 errors 0 dropped 0 carrier 0 collsns 0},
     * unsigned.
     */
    @Override
    public String toString() {
        return "RX: bytes " + u(rxBytes) + " packets " + u(rxPackets) + " errors " + u(rxErrors) + " dropped "
                + u(rxDropped) + " missed " + u(rxMissedErrors) + " mcast " + u(multicast) + " TX: bytes "
                + u(txBytes) + " packets " + u(txPackets) + " errors " + u(txErrors) + " dropped " + u(txDropped)
                + " carrier " + u(txCarrierErrors) + " collsns " + u(collisions);
    }

    private static String u(long counter) {
        return Long.toUnsignedString(counter);
    }
}
