package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.MacAddress;

/**
 * A Linux bridge: {@code ip link add <name> type bridge}. This file is the bridge kind: its
 * attributes, how a spec is written, how {@link Info} is read. Its ports are {@link BridgePort}.
 *
 * @param name  interface name
 * @param mtu   MTU, or 0 for the default
 * @param mac   its MAC, or null for the kernel's choice
 * @param netns namespace to create it in, or null for the entry point's own
 */
public record Bridge(String name, int mtu, MacAddress mac, NetNs netns) implements LinkSpec {

    static final int IFLA_BR_FORWARD_DELAY = 1;
    static final int IFLA_BR_AGEING_TIME = 4;
    static final int IFLA_BR_STP_STATE = 5;
    static final int IFLA_BR_PRIORITY = 6;
    static final int IFLA_BR_VLAN_FILTERING = 7;

    static final KindCodec<Bridge, Info> CODEC = new KindCodec<>() {
        @Override
        public String kind() {
            return "bridge";
        }

        @Override
        public Class<Bridge> specType() {
            return Bridge.class;
        }

        @Override
        public void writeData(NetlinkWriter w, Bridge bridge, int parentIndex) {
            // the kernel's defaults: STP off, no VLAN filtering
        }

        @Override
        public Info readData(AttributeCursor a) {
            long forwardDelay = 0;
            long ageingTime = 0;
            long stpState = 0;
            int priority = 0;
            boolean vlanFiltering = false;
            while (a.next()) {
                switch (a.type()) {
                    case IFLA_BR_FORWARD_DELAY -> forwardDelay = Integer.toUnsignedLong(a.u32());
                    case IFLA_BR_AGEING_TIME -> ageingTime = Integer.toUnsignedLong(a.u32());
                    case IFLA_BR_STP_STATE -> stpState = Integer.toUnsignedLong(a.u32());
                    case IFLA_BR_PRIORITY -> priority = a.u16();
                    case IFLA_BR_VLAN_FILTERING -> vlanFiltering = a.u8() != 0;
                    default -> { }
                }
            }
            return new Info(stpState, priority, forwardDelay, ageingTime, vlanFiltering);
        }
    };

    public Bridge {
        Validation.ifname("bridge name", name);
        Validation.mtu("bridge mtu", mtu);
        if (mac != null) {
            mac.requireUnicast("bridge mac");
        }
    }

    public static Bridge of(String name) {
        return new Bridge(name, 0, null, null);
    }

    @Override
    public String kind() {
        return "bridge";
    }

    public Bridge withMtu(int mtu) {
        return new Bridge(name, mtu, mac, netns);
    }

    public Bridge withMac(MacAddress mac) {
        return new Bridge(name, mtu, mac, netns);
    }

    public Bridge withNetns(NetNs netns) {
        return new Bridge(name, mtu, mac, netns);
    }

    /**
     * A bridge as the kernel reports it ({@code ip -d link show type bridge}).
     *
     * @param stpState      0 off, 1 kernel STP, 2 user-space STP
     * @param priority      bridge priority
     * @param forwardDelay  forward delay, in hundredths of a second
     * @param ageingTime    FDB ageing time, in hundredths of a second
     * @param vlanFiltering whether VLAN filtering is on
     */
    public record Info(long stpState, int priority, long forwardDelay, long ageingTime, boolean vlanFiltering)
            implements LinkInfo {

        /** As {@code ip -d link} prints it after the kind. */
        @Override
        public String toString() {
            return "forward_delay " + forwardDelay + " ageing_time " + ageingTime + " stp_state " + stpState
                    + " priority " + priority + " vlan_filtering " + (vlanFiltering ? 1 : 0);
        }
    }
}
