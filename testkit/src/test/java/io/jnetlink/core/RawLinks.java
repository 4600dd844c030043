package io.jnetlink.core;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.IfInfoMsg;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.util.Map;
import java.util.TreeMap;

/** Raw rtnetlink requests built with the writer, as the core tests need them. */
final class RawLinks {

    /** {@code VETH_INFO_PEER} of {@code <linux/veth.h>}. */
    private static final int VETH_INFO_PEER = 1;

    private RawLinks() {
    }

    /** Appends an {@code RTM_NEWLINK} for a veth pair {@code name}/{@code peer}, both with {@code mtu}. */
    static long appendVeth(NetlinkWriter w, String name, String peer, int mtu) {
        long message = w.beginMessage(Rtnetlink.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(Ifla.IFLA_IFNAME, name);
        w.putU32(Ifla.IFLA_MTU, mtu);
        long linkInfo = w.beginNest(Ifla.IFLA_LINKINFO);
        w.putString(Ifla.IFLA_INFO_KIND, "veth");
        long data = w.beginNest(Ifla.IFLA_INFO_DATA);
        long peerInfo = w.beginNest(VETH_INFO_PEER, false);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(Ifla.IFLA_IFNAME, peer);
        w.putU32(Ifla.IFLA_MTU, mtu);
        w.endNest(peerInfo);
        w.endNest(data);
        w.endNest(linkInfo);
        w.endMessage(message);
        return message;
    }

    /** Dumps the namespace's links: name to MTU. */
    static Map<String, Integer> dumpNamesAndMtu(NetlinkSocket socket, NetlinkWriter w) {
        w.reset();
        long message = w.beginMessage(Rtnetlink.RTM_GETLINK, Netlink.NLM_F_DUMP);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.endMessage(message);
        Map<String, Integer> links = new TreeMap<>();
        AttributeCursor attrs = new AttributeCursor();
        socket.dump(w, m -> {
            m.attributes(IfInfoMsg.SIZE, attrs);
            String name = attrs.find(Ifla.IFLA_IFNAME) ? attrs.string() : null;
            int mtu = attrs.find(Ifla.IFLA_MTU) ? attrs.u32() : -1;
            links.put(name, mtu);
            return null;
        });
        return links;
    }
}
