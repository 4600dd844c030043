package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Ifla;

/**
 * A link as a port of a {@link Bridge}, as the kernel reports it ({@code ip -d link show} of a
 * port, {@code bridge link}). This file is the bridge-port kind: its {@code IFLA_BRPORT_*}
 * attributes, how they are set ({@code ip link set <port> type bridge_slave ...}) and read.
 *
 * @param state    STP port state: 0 disabled, 1 listening, 2 learning, 3 forwarding, 4 blocking
 * @param priority port priority
 * @param cost     path cost
 * @param hairpin  whether frames may go back out the port they came in by ({@code hairpin on})
 * @param learning whether source MACs are learnt on this port
 */
public record BridgePort(int state, int priority, long cost, boolean hairpin, boolean learning) implements PortInfo {

    static final String KIND = "bridge";
    static final int IFLA_BRPORT_STATE = 1;
    static final int IFLA_BRPORT_PRIORITY = 2;
    static final int IFLA_BRPORT_COST = 3;
    static final int IFLA_BRPORT_MODE = 4;
    static final int IFLA_BRPORT_LEARNING = 8;

    /** Writes the {@code IFLA_LINKINFO} that turns hairpin mode on or off. */
    static void writeHairpin(NetlinkWriter w, int mode) {
        long info = w.beginNest(Ifla.IFLA_LINKINFO);
        w.putString(Ifla.IFLA_INFO_SLAVE_KIND, KIND);
        long data = w.beginNest(Ifla.IFLA_INFO_SLAVE_DATA);
        w.putU8(IFLA_BRPORT_MODE, mode);
        w.endNest(data);
        w.endNest(info);
    }

    /** Reads {@code IFLA_INFO_SLAVE_DATA} of a bridge port. */
    static BridgePort read(AttributeCursor a) {
        int state = 0;
        int priority = 0;
        long cost = 0;
        boolean hairpin = false;
        boolean learning = false;
        while (a.next()) {
            switch (a.type()) {
                case IFLA_BRPORT_STATE -> state = a.u8();
                case IFLA_BRPORT_PRIORITY -> priority = a.u16();
                case IFLA_BRPORT_COST -> cost = Integer.toUnsignedLong(a.u32());
                case IFLA_BRPORT_MODE -> hairpin = a.u8() != 0;
                case IFLA_BRPORT_LEARNING -> learning = a.u8() != 0;
                default -> { }
            }
        }
        return new BridgePort(state, priority, cost, hairpin, learning);
    }

    private static final String[] STATES = {"disabled", "listening", "learning", "forwarding", "blocking"};

    /** As {@code ip -d link} prints a bridge port: {@code bridge_slave state forwarding priority 32 cost 2 hairpin off learning on}. */
    @Override
    public String toString() {
        return "bridge_slave state " + (state >= 0 && state < STATES.length ? STATES[state] : Integer.toString(state))
                + " priority " + priority + " cost " + cost + " hairpin " + (hairpin ? "on" : "off")
                + " learning " + (learning ? "on" : "off");
    }
}
