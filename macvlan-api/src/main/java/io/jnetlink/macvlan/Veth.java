package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

/**
 * A veth pair: {@code ip link add <name> type veth peer name <peerName> [netns <peerNetns>]}.
 * The peer is created directly in {@code peerNetns} when given, else beside the first end. This
 * file is the veth kind: its attribute, how a spec is written, how {@link Info} is read.
 *
 * @param name      first end
 * @param peerName  second end
 * @param mtu       MTU of both ends, or 0 for the default
 * @param mac       first end's MAC, or null for random
 * @param peerMac   second end's MAC, or null for random
 * @param netns     namespace for the first end, or null for the entry point's own
 * @param peerNetns namespace for the peer, or null
 */
public record Veth(String name, String peerName, int mtu, MacAddress mac, MacAddress peerMac, NetNs netns,
                   NetNs peerNetns) implements LinkSpec {

    /** {@code VETH_INFO_PEER} of {@code <linux/veth.h>}: a {@code struct ifinfomsg}, then the peer's attributes. */
    static final int VETH_INFO_PEER = 1;

    static final KindCodec<Veth, Info> CODEC = new KindCodec<>() {
        @Override
        public String kind() {
            return "veth";
        }

        @Override
        public Class<Veth> specType() {
            return Veth.class;
        }

        @Override
        public void writeData(NetlinkWriter w, Veth veth, int parentIndex) {
            long peer = w.beginNestUnflagged(VETH_INFO_PEER);
            w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
            w.putString(Ifla.IFLA_IFNAME, veth.peerName());
            if (veth.mtu() != 0) {
                w.putU32(Ifla.IFLA_MTU, veth.mtu());
            }
            if (veth.peerMac() != null) {
                w.putMac(Ifla.IFLA_ADDRESS, veth.peerMac().value());
            }
            if (veth.peerNetns() != null) {
                w.putU32(Ifla.IFLA_NET_NS_FD, veth.peerNetns().fd());
            }
            w.endNest(peer);
        }

        @Override
        public Info readData(AttributeCursor data) {
            return Info.INSTANCE;
        }

        @Override
        public String describe(Veth veth) {
            return "veth " + veth.name() + " peer " + veth.peerName();
        }
    };

    public Veth {
        Validation.ifname("veth name", name);
        Validation.ifname("veth peerName", peerName);
        Validation.mtu("veth mtu", mtu);
        if (mac != null) {
            mac.requireUnicast("veth mac");
        }
        if (peerMac != null) {
            peerMac.requireUnicast("veth peerMac");
        }
    }

    public static Veth of(String name, String peerName) {
        return new Veth(name, peerName, 0, null, null, null, null);
    }

    @Override
    public String kind() {
        return "veth";
    }

    public Veth withMtu(int mtu) {
        return new Veth(name, peerName, mtu, mac, peerMac, netns, peerNetns);
    }

    public Veth withMac(MacAddress mac) {
        return new Veth(name, peerName, mtu, mac, peerMac, netns, peerNetns);
    }

    public Veth withPeerMac(MacAddress peerMac) {
        return new Veth(name, peerName, mtu, mac, peerMac, netns, peerNetns);
    }

    /** Creates the first end directly inside {@code netns}. */
    public Veth withNetns(NetNs netns) {
        return new Veth(name, peerName, mtu, mac, peerMac, netns, peerNetns);
    }

    /** Creates the peer end directly inside {@code peerNetns}. */
    public Veth withPeerNetns(NetNs peerNetns) {
        return new Veth(name, peerName, mtu, mac, peerMac, netns, peerNetns);
    }

    /**
     * A veth as the kernel reports it: the kernel sends no veth data; the peer is the link's
     * {@link Link#parentIndex()} (in {@link Link#linkNetnsId()} when it lives elsewhere).
     */
    public record Info() implements LinkInfo {
        static final Info INSTANCE = new Info();

        /** Nothing: {@code ip -d link} prints only the kind. */
        @Override
        public String toString() {
            return "";
        }
    }
}
