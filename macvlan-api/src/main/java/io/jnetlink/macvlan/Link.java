package io.jnetlink.macvlan;

import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.rtnl.Ifla;

/**
 * A link as the kernel reports it ({@code ip -d link show}).
 *
 * @param index       interface index
 * @param name        interface name
 * @param kind        link kind ({@code macvlan}, {@code veth}, ...), or null for a plain device
 * @param mac         hardware address, or null
 * @param mtu         MTU
 * @param flags       {@code IFF_*} flags
 * @param operState   operational state
 * @param parentIndex index of the parent ({@code IFLA_LINK}; a veth's peer), 0 if none
 * @param linkNetnsId namespace id of the parent's namespace ({@code IFLA_LINK_NETNSID}), -1 if the same
 * @param masterIndex index of the master (bridge), 0 if none
 * @param alias       alias, or null
 * @param group       link group (a u32)
 * @param info        what the kernel reports of its kind: {@link Macvlan.Info}, {@link Veth.Info},
 *                    {@link Bridge.Info}, {@link Vxlan.Info}, or {@link LinkInfo.Other}
 * @param port        what the kernel reports of it as a port of its master, or null if it has none
 */
public record Link(int index, String name, String kind, MacAddress mac, int mtu, int flags, OperState operState,
                   int parentIndex, int linkNetnsId, int masterIndex, String alias, long group, LinkInfo info,
                   PortInfo port) {

    /** Administratively up ({@code IFF_UP}). */
    public boolean isUp() {
        return (flags & Ifla.IFF_UP) != 0;
    }

    /** Carrier present ({@code IFF_LOWER_UP}). */
    public boolean isLowerUp() {
        return (flags & Ifla.IFF_LOWER_UP) != 0;
    }

    /** Its macvlan/macvtap settings; {@link IllegalStateException} naming the kind if it is not one. */
    public Macvlan.Info macvlan() {
        if (info instanceof Macvlan.Info macvlan) {
            return macvlan;
        }
        throw new IllegalStateException("link " + name + " is a " + (kind == null ? "device without a kind" : kind)
                + ", not a macvlan/macvtap");
    }
}
