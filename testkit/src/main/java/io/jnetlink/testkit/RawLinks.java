package io.jnetlink.testkit;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.Arena;

/**
 * The link requests a sandbox needs, written with netlink-core's writer directly, so the test kit
 * does not depend on the library it helps test; core's own tests build their batches with them.
 */
public final class RawLinks {

    /** {@code VETH_INFO_PEER} of {@code <linux/veth.h>}. */
    private static final int VETH_INFO_PEER = 1;

    private RawLinks() {
    }

    /** Appends {@code ip link add <name> type veth peer name <peer>}, both ends with {@code mtu} (0: default). */
    public static void appendVeth(NetlinkWriter w, String name, String peer, int mtu) {
        long message = w.beginMessage(Rtnetlink.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(Ifla.IFLA_IFNAME, name);
        if (mtu != 0) {
            w.putU32(Ifla.IFLA_MTU, mtu);
        }
        long linkInfo = w.beginNest(Ifla.IFLA_LINKINFO);
        w.putString(Ifla.IFLA_INFO_KIND, "veth");
        long data = w.beginNest(Ifla.IFLA_INFO_DATA);
        long peerInfo = w.beginNestUnflagged(VETH_INFO_PEER);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(Ifla.IFLA_IFNAME, peer);
        if (mtu != 0) {
            w.putU32(Ifla.IFLA_MTU, mtu);
        }
        w.endNest(peerInfo);
        w.endNest(data);
        w.endNest(linkInfo);
        w.endMessage(message);
    }

    /** {@code ip link add <name> type veth peer name <peer>}. */
    static void veth(NetlinkSocket socket, String name, String peer) {
        try (Arena arena = Arena.ofConfined()) {
            NetlinkWriter w = NetlinkWriter.allocate(arena, 512);
            appendVeth(w, name, peer, 0);
            socket.execute(w);
        }
    }

    /** {@code ip link set <name> up}. */
    static void setUp(NetlinkSocket socket, String name) {
        try (Arena arena = Arena.ofConfined()) {
            NetlinkWriter w = NetlinkWriter.allocate(arena, 128);
            long message = w.beginMessage(Rtnetlink.RTM_NEWLINK, 0);
            w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, Ifla.IFF_UP, Ifla.IFF_UP);
            w.putString(Ifla.IFLA_IFNAME, name);
            w.endMessage(message);
            socket.execute(w);
        }
    }
}
