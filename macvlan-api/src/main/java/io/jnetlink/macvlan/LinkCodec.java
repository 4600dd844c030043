package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.rtnl.IfInfoMsg;
import io.jnetlink.core.rtnl.Rtnetlink;

import static io.jnetlink.core.rtnl.Ifla.*;

/**
 * Link messages: the generic part of {@code RTM_NEWLINK} requests and of link replies; the
 * kind-specific part ({@code IFLA_INFO_DATA}) goes to the kind's {@link KindCodec}. One reusable
 * instance per entry point or subscription (its cursors are reused); not thread-safe.
 */
final class LinkCodec {

    private final AttributeCursor top = new AttributeCursor();
    private final AttributeCursor info = new AttributeCursor();
    private final AttributeCursor data = new AttributeCursor();

    /**
     * Appends an {@code RTM_NEWLINK} creating {@code spec} under {@code name}, sent from the
     * namespace the spec names (or the entry point's, if none) to that same namespace.
     *
     * @param parentIndex index of the resolved parent, 0 for none
     */
    static <S extends LinkSpec> void create(NetlinkWriter w, S spec, String name, int parentIndex) {
        create(w, spec, name, parentIndex, spec.netns(), -1);
    }

    /**
     * Appends an {@code RTM_NEWLINK} creating {@code spec} under {@code name}.
     *
     * @param parentIndex index of the resolved parent, 0 for none
     * @param target      namespace to create it in ({@code IFLA_NET_NS_FD}), or null for the socket's own
     * @param linkNetnsId id, in the socket's namespace, of the namespace the parent is in
     *                    ({@code IFLA_LINK_NETNSID}), or -1 when the parent is beside it
     */
    static <S extends LinkSpec> void create(NetlinkWriter w, S spec, String name, int parentIndex, NetNs target,
                                            int linkNetnsId) {
        KindCodec<S, ?> kind = LinkKinds.of(spec);
        long m = w.beginMessage(Rtnetlink.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(IFLA_IFNAME, name);
        if (target != null) {
            w.putU32(IFLA_NET_NS_FD, target.fd());
        }
        if (linkNetnsId >= 0) {
            w.putS32(IFLA_LINK_NETNSID, linkNetnsId);
        }
        if (parentIndex != 0 && kind.parentInIflaLink()) {
            w.putU32(IFLA_LINK, parentIndex);
        }
        if (spec.mtu() != 0) {
            w.putU32(IFLA_MTU, spec.mtu());
        }
        if (spec.mac() != null) {
            w.putMac(IFLA_ADDRESS, spec.mac().value());
        }
        long linkInfo = w.beginNest(IFLA_LINKINFO);
        w.putString(IFLA_INFO_KIND, kind.kind());
        long kindData = w.beginNest(IFLA_INFO_DATA);
        kind.writeData(w, spec, parentIndex);
        if (w.position() == kindData + Netlink.NLA_HDRLEN) {
            w.cancel(kindData);
        } else {
            w.endNest(kindData);
        }
        w.endNest(linkInfo);
        w.endMessage(m);
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

    /** Only the link's group ({@code IFLA_GROUP}, 0 if absent), for a cheap scan of the groups in use. */
    long decodeGroup(MessageCursor m) {
        AttributeCursor a = m.attributes(IfInfoMsg.SIZE, top);
        return a.find(IFLA_GROUP) ? Integer.toUnsignedLong(a.u32()) : 0;
    }

    /**
     * Decodes an {@code RTM_NEWLINK} message into a {@link Link}. Every legal value decodes (u32
     * fields unsigned, unknown kinds and attributes kept or passed over); bytes that are not a link
     * message raise {@link MalformedMessageException}.
     */
    Link decode(MessageCursor m) {
        int index = IfInfoMsg.index(m);
        int flags = IfInfoMsg.flags(m);
        String name = null;
        String kind = null;
        String portKind = null;
        String alias = null;
        MacAddress mac = null;
        int mtu = 0;
        int minMtu = 0;
        int maxMtu = 0;
        int parent = 0;
        int master = 0;
        long group = 0;
        int netnsId = -1;
        OperState oper = OperState.UNKNOWN;
        long dataFrom = -1;
        long dataTo = -1;
        long portFrom = -1;
        long portTo = -1;
        LinkStats stats = null;
        m.attributes(IfInfoMsg.SIZE, top);
        while (top.next()) {
            switch (top.type()) {
                case IFLA_IFNAME -> name = top.string();
                case IFLA_ADDRESS -> mac = top.payloadLength() == 6 ? new MacAddress(top.mac()) : null;
                case IFLA_MTU -> mtu = top.u32();
                case IFLA_MIN_MTU -> minMtu = top.u32();
                case IFLA_MAX_MTU -> maxMtu = top.u32();
                case IFLA_LINK -> parent = top.u32();
                case IFLA_MASTER -> master = top.u32();
                case IFLA_GROUP -> group = Integer.toUnsignedLong(top.u32());
                case IFLA_LINK_NETNSID -> netnsId = top.s32();
                case IFLA_OPERSTATE -> oper = OperState.of(top.u8());
                case IFLA_IFALIAS -> alias = top.string();
                case IFLA_STATS64 -> stats = LinkStats.read(top);
                case IFLA_LINKINFO -> {
                    top.nested(info);
                    while (info.next()) {
                        switch (info.type()) {
                            case IFLA_INFO_KIND -> kind = info.string();
                            case IFLA_INFO_SLAVE_KIND -> portKind = info.string();
                            case IFLA_INFO_DATA -> {
                                dataFrom = info.payloadOffset();
                                dataTo = dataFrom + info.payloadLength();
                            }
                            case IFLA_INFO_SLAVE_DATA -> {
                                portFrom = info.payloadOffset();
                                portTo = portFrom + info.payloadLength();
                            }
                            default -> { }
                        }
                    }
                }
                default -> { }
            }
        }
        LinkInfo kindInfo = LinkKinds.read(kind, region(m, dataFrom, dataTo));
        PortInfo port = portKind == null ? null
                : BridgePort.KIND.equals(portKind) ? BridgePort.read(region(m, portFrom, portTo))
                : new PortInfo.Other(portKind);
        return new Link(index, name, kind, mac, mtu, minMtu, maxMtu, flags, oper, parent, netnsId, master, alias, group, kindInfo,
                port, stats);
    }

    /** The link's IPv6 settings ({@code IFLA_AF_SPEC/AF_INET6}), or null if it has no IPv6 state. */
    Ipv6Settings decodeIpv6(MessageCursor m) {
        AttributeCursor a = m.attributes(IfInfoMsg.SIZE, top);
        if (!a.find(IFLA_AF_SPEC)) {
            return null;
        }
        a.nested(info);
        return info.find(Rtnetlink.AF_INET6) ? Ipv6Settings.read(info.nested(data)) : null;
    }

    /** The attributes in {@code [from, to)}, or none when the region was absent. */
    private AttributeCursor region(MessageCursor m, long from, long to) {
        return from < 0 ? data.wrap(m.segment(), 0, 0) : data.wrap(m.segment(), from, to);
    }
}
