package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;

/**
 * A veth pair: {@code ip link add <name> type veth peer name <peerName> [netns <peerNetns>]}.
 * The peer is created directly in {@code peerNetns} when given, else beside the first end.
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

    public Veth withMacs(MacAddress mac, MacAddress peerMac) {
        return new Veth(name, peerName, mtu, mac, peerMac, netns, peerNetns);
    }

    /** Puts the peer end directly into {@code peerNetns}. */
    public Veth withPeerIn(NetNs peerNetns) {
        return new Veth(name, peerName, mtu, mac, peerMac, netns, peerNetns);
    }

    public Veth inNamespace(NetNs netns) {
        return new Veth(name, peerName, mtu, mac, peerMac, netns, peerNetns);
    }
}
