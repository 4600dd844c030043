package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.IfInfoMsg;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.util.ArrayList;
import java.util.List;

import static io.jnetlink.core.rtnl.Ifla.*;

/** Encodes link requests and decodes link messages; one reusable instance per entry point. */
final class LinkCodec {

    private final AttributeCursor top = new AttributeCursor();
    private final AttributeCursor info = new AttributeCursor();
    private final AttributeCursor data = new AttributeCursor();
    private final AttributeCursor list = new AttributeCursor();

    /**
     * Appends an {@code RTM_NEWLINK} creating {@code spec} as {@code name}.
     *
     * @param parentIndex index of the macvlan/macvtap parent, else ignored
     * @param group       link group to tag it with, 0 for none
     */
    static void create(NetlinkWriter w, LinkSpec spec, String name, int parentIndex, int group) {
        long m = w.beginMessage(Rtnetlink.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(IFLA_IFNAME, name);
        if (spec.netns() != null) {
            w.putU32(IFLA_NET_NS_FD, spec.netns().fd());
        }
        if (group != 0) {
            w.putU32(IFLA_GROUP, group);
        }
        switch (spec) {
            case Macvlan macvlan -> macvlan(w, macvlan, "macvlan", parentIndex);
            case Macvtap macvtap -> macvlan(w, macvtap.options(), "macvtap", parentIndex);
            case Veth veth -> veth(w, veth);
            case Bridge bridge -> {
                common(w, bridge.mtu(), bridge.mac());
                long info = w.beginNest(IFLA_LINKINFO);
                w.putString(IFLA_INFO_KIND, "bridge");
                w.endNest(info);
            }
        }
        w.endMessage(m);
    }

    private static void macvlan(NetlinkWriter w, Macvlan spec, String kind, int parentIndex) {
        w.putU32(IFLA_LINK, parentIndex);
        common(w, spec.mtu(), spec.mac());
        long info = w.beginNest(IFLA_LINKINFO);
        w.putString(IFLA_INFO_KIND, kind);
        long data = w.beginNest(IFLA_INFO_DATA);
        w.putU32(IFLA_MACVLAN_MODE, spec.mode().kernelValue());
        if (!spec.flags().isEmpty()) {
            w.putU16(IFLA_MACVLAN_FLAGS, MacvlanFlag.toBits(spec.flags()));
        }
        if (spec.bcQueueLen() != null) {
            w.putU32(IFLA_MACVLAN_BC_QUEUE_LEN, spec.bcQueueLen());
        }
        if (spec.bcCutoff() != null) {
            w.putS32(IFLA_MACVLAN_BC_CUTOFF, spec.bcCutoff());
        }
        if (!spec.sourceMacs().isEmpty()) {
            sourceMacs(w, MACVLAN_MACADDR_SET, spec.sourceMacs());
        }
        w.endNest(data);
        w.endNest(info);
    }

    /** The source-MAC list operation: SET/ADD/DEL with addresses, FLUSH without. */
    static void sourceMacs(NetlinkWriter w, int operation, List<MacAddress> macs) {
        w.putU32(IFLA_MACVLAN_MACADDR_MODE, operation);
        if (operation == MACVLAN_MACADDR_SET) {
            long list = w.beginNest(IFLA_MACVLAN_MACADDR_DATA);
            for (MacAddress mac : macs) {
                w.putMac(IFLA_MACVLAN_MACADDR, mac.value());
            }
            w.endNest(list);
        } else if (!macs.isEmpty()) {
            w.putMac(IFLA_MACVLAN_MACADDR, macs.getFirst().value());
        }
    }

    private static void veth(NetlinkWriter w, Veth veth) {
        common(w, veth.mtu(), veth.mac());
        long info = w.beginNest(IFLA_LINKINFO);
        w.putString(IFLA_INFO_KIND, "veth");
        long data = w.beginNest(IFLA_INFO_DATA);
        long peer = w.beginNest(VETH_INFO_PEER, false); // a struct ifinfomsg, then attributes
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(IFLA_IFNAME, veth.peerName());
        common(w, veth.mtu(), veth.peerMac());
        if (veth.peerNetns() != null) {
            w.putU32(IFLA_NET_NS_FD, veth.peerNetns().fd());
        }
        w.endNest(peer);
        w.endNest(data);
        w.endNest(info);
    }

    private static void common(NetlinkWriter w, int mtu, MacAddress mac) {
        if (mtu != 0) {
            w.putU32(IFLA_MTU, mtu);
        }
        if (mac != null) {
            w.putMac(IFLA_ADDRESS, mac.value());
        }
    }

    /** Starts an {@code RTM_NEWLINK} that changes the existing link {@code name} (no create flags). */
    static long change(NetlinkWriter w, String name, int flags, int change) {
        long m = w.beginMessage(Rtnetlink.RTM_NEWLINK, 0);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, flags, change);
        w.putString(IFLA_IFNAME, name);
        return m;
    }

    /** Starts an {@code RTM_NEWLINK} that changes link {@code index}. */
    static long changeByIndex(NetlinkWriter w, int index) {
        long m = w.beginMessage(Rtnetlink.RTM_NEWLINK, 0);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, index, 0, 0);
        return m;
    }

    /** Decodes an {@code RTM_NEWLINK} message into a {@link Link}. */
    /** Only the link's group ({@code IFLA_GROUP}, 0 if absent), for a cheap scan of the groups in use. */
    int decodeGroup(MessageCursor m) {
        AttributeCursor a = m.attributes(IfInfoMsg.SIZE, top);
        return a.find(IFLA_GROUP) ? a.u32() : 0;
    }

    Link decode(MessageCursor m) {
        int index = IfInfoMsg.index(m);
        int flags = IfInfoMsg.flags(m);
        String name = null;
        String kind = null;
        String slaveKind = null;
        String alias = null;
        MacAddress mac = null;
        int mtu = 0;
        int parent = 0;
        int master = 0;
        int group = 0;
        int netnsId = -1;
        OperState oper = OperState.UNKNOWN;
        MacvlanInfo macvlan = null;
        m.attributes(IfInfoMsg.SIZE, top);
        while (top.next()) {
            switch (top.type()) {
                case IFLA_IFNAME -> name = top.string();
                case IFLA_ADDRESS -> mac = top.payloadLength() == 6 ? new MacAddress(top.mac()) : null;
                case IFLA_MTU -> mtu = top.u32();
                case IFLA_LINK -> parent = top.u32();
                case IFLA_MASTER -> master = top.u32();
                case IFLA_GROUP -> group = top.u32();
                case IFLA_LINK_NETNSID -> netnsId = top.s32();
                case IFLA_OPERSTATE -> oper = OperState.of(top.u8());
                case IFLA_IFALIAS -> alias = top.string();
                case IFLA_LINKINFO -> {
                    top.nested(info);
                    while (info.next()) {
                        switch (info.type()) {
                            case IFLA_INFO_KIND -> kind = info.string();
                            case IFLA_INFO_SLAVE_KIND -> slaveKind = info.string();
                            case IFLA_INFO_DATA -> {
                                if ("macvlan".equals(kind) || "macvtap".equals(kind)) {
                                    macvlan = decodeMacvlan(info.nested(data));
                                }
                            }
                            default -> { }
                        }
                    }
                }
                default -> { }
            }
        }
        return new Link(index, name, kind, mac, mtu, flags, oper, parent, netnsId, master, alias, group, slaveKind,
                macvlan);
    }

    private MacvlanInfo decodeMacvlan(AttributeCursor a) {
        MacvlanMode mode = MacvlanMode.VEPA; // the kernel's default
        int flags = 0;
        int bcQueueLen = 0;
        int bcQueueLenUsed = 0;
        Integer bcCutoff = null;
        List<MacAddress> sources = new ArrayList<>();
        while (a.next()) {
            switch (a.type()) {
                case IFLA_MACVLAN_MODE -> mode = MacvlanMode.of(a.u32());
                case IFLA_MACVLAN_FLAGS -> flags = a.u16();
                case IFLA_MACVLAN_BC_QUEUE_LEN -> bcQueueLen = a.u32();
                case IFLA_MACVLAN_BC_QUEUE_LEN_USED -> bcQueueLenUsed = a.u32();
                case IFLA_MACVLAN_BC_CUTOFF -> bcCutoff = a.s32();
                case IFLA_MACVLAN_MACADDR_DATA -> {
                    a.nested(list);
                    while (list.next()) {
                        if (list.type() == IFLA_MACVLAN_MACADDR) {
                            sources.add(new MacAddress(list.mac()));
                        }
                    }
                }
                default -> { }
            }
        }
        return new MacvlanInfo(mode, MacvlanFlag.fromBits(flags), List.copyOf(sources), bcQueueLen, bcQueueLenUsed,
                bcCutoff);
    }
}
