package io.jnetlink.macvlan;

import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.rtnl.Ifla;

import java.util.Set;

/**
 * A link as the kernel reports it ({@code ip -d link show}).
 *
 * @param index       interface index
 * @param name        interface name
 * @param kind        link kind ({@code macvlan}, {@code veth}, ...), or null for a plain device
 * @param mac         hardware address, or null
 * @param mtu         MTU
 * @param minMtu      the smallest MTU the device takes ({@code minmtu}; 0 if not reported)
 * @param maxMtu      the largest MTU the device takes ({@code maxmtu}; 0 if unlimited or not reported)
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
 * @param stats       its counters when the kernel answered ({@code IFLA_STATS64}, in every link
 *                    message of kernels since 2.6.35), or null if the message had none
 */
public record Link(int index, String name, String kind, MacAddress mac, int mtu, int minMtu, int maxMtu, int flags,
                   OperState operState,
                   int parentIndex, int linkNetnsId, int masterIndex, String alias, long group, LinkInfo info,
                   PortInfo port, LinkStats stats) {

    /** The named flags among {@link #flags()}. */
    public Set<LinkFlag> linkFlags() {
        return LinkFlag.fromBits(flags);
    }

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

    /**
     * One line as {@code ip -d link show} prints it: {@code 5: mv0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP>
     * mtu 1500 state UP link/ether 02:42:c0:00:02:0a macvlan mode bridge} (a parent by index, as
     * {@code ip} shows one it cannot name; {@code master}, {@code group} and {@code alias} when set).
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(index).append(": ").append(name);
        if (parentIndex != 0) {
            s.append("@if").append(parentIndex);
        }
        s.append(": ").append(LinkFlag.text(flags)).append(" mtu ").append(Integer.toUnsignedString(mtu));
        if (masterIndex != 0) {
            s.append(" master if").append(masterIndex);
        }
        s.append(" state ").append(operState);
        if (group != 0) {
            s.append(" group ").append(group);
        }
        if (mac != null) {
            s.append(" link/ether ").append(mac);
        }
        if (linkNetnsId >= 0) {
            s.append(" link-netnsid ").append(linkNetnsId);
        }
        if (kind != null) {
            s.append(' ').append(kind);
        }
        String details = info == null || info instanceof LinkInfo.Other ? "" : info.toString();
        if (!details.isEmpty()) {
            s.append(' ').append(details);
        }
        if (port != null) {
            s.append(' ').append(port);
        }
        if (alias != null) {
            s.append(" alias ").append(alias);
        }
        return s.toString();
    }
}
