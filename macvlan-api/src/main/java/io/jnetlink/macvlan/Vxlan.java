package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.MacAddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A VXLAN tunnel endpoint: {@code ip link add <name> type vxlan id <vni> [remote|group <ip>]
 * [local <ip>] [dev <parent>] [dstport <port>] [ttl <ttl>] [nolearning]}. Start from {@link #of}
 * and adjust with the {@code with...} methods; fields are checked on construction, combinations by
 * {@link #validate()}, which every create calls. This file is the vxlan kind: its attributes, how
 * a spec is written, how {@link Info} is read.
 *
 * @param name     interface name
 * @param vni      VXLAN network identifier, 0..16777215
 * @param remote   unicast address of the remote endpoint, or null
 * @param group    multicast group to join (needs {@code parent}), or null
 * @param local    source address, or null for the kernel's choice
 * @param port     UDP destination port, or 0 for the kernel's default (8472)
 * @param learning whether remote MACs are learnt (the kernel's default: yes)
 * @param ttl      TTL of the outer packets, 1..255, or 0 for the kernel's default
 * @param parent   the link the tunnel goes out of ({@code dev}), or null
 * @param mtu      MTU, or 0 for the kernel's choice
 * @param mac      MAC, or null for a random one
 * @param netns    namespace to create it in directly, or null
 */
public record Vxlan(String name, long vni, InetAddress remote, InetAddress group, InetAddress local, int port,
                    boolean learning, int ttl, String parent, int mtu, MacAddress mac, NetNs netns)
        implements LinkSpec {

    static final int IFLA_VXLAN_ID = 1;
    static final int IFLA_VXLAN_GROUP = 2;
    static final int IFLA_VXLAN_LINK = 3;
    static final int IFLA_VXLAN_LOCAL = 4;
    static final int IFLA_VXLAN_TTL = 5;
    static final int IFLA_VXLAN_LEARNING = 7;
    static final int IFLA_VXLAN_AGEING = 8;
    static final int IFLA_VXLAN_PORT = 15;
    static final int IFLA_VXLAN_GROUP6 = 16;
    static final int IFLA_VXLAN_LOCAL6 = 17;

    private static final long MAX_VNI = (1 << 24) - 1;

    static final KindCodec<Vxlan, Info> CODEC = new KindCodec<>() {
        @Override
        public String kind() {
            return "vxlan";
        }

        @Override
        public Class<Vxlan> specType() {
            return Vxlan.class;
        }

        @Override
        public void validate(Vxlan spec) {
            spec.validate();
        }

        @Override
        public boolean parentInIflaLink() {
            return false;
        }

        @Override
        public void writeData(NetlinkWriter w, Vxlan spec, int parentIndex) {
            w.putU32(IFLA_VXLAN_ID, (int) spec.vni());
            InetAddress destination = spec.remote() != null ? spec.remote() : spec.group();
            if (destination != null) {
                w.putAddress(destination instanceof Inet4Address ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, destination);
            }
            if (parentIndex != 0) {
                w.putU32(IFLA_VXLAN_LINK, parentIndex);
            }
            if (spec.local() != null) {
                w.putAddress(spec.local() instanceof Inet4Address ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, spec.local());
            }
            if (spec.ttl() != 0) {
                w.putU8(IFLA_VXLAN_TTL, spec.ttl());
            }
            w.putU8(IFLA_VXLAN_LEARNING, spec.learning() ? 1 : 0);
            if (spec.port() != 0) {
                w.putU16Be(IFLA_VXLAN_PORT, spec.port());
            }
        }

        @Override
        public Info readData(AttributeCursor a) {
            long vni = 0;
            InetAddress destination = null;
            InetAddress local = null;
            int parent = 0;
            int ttl = 0;
            int port = 0;
            boolean learning = false;
            long ageing = 0;
            while (a.next()) {
                switch (a.type()) {
                    case IFLA_VXLAN_ID -> vni = Integer.toUnsignedLong(a.u32());
                    case IFLA_VXLAN_GROUP, IFLA_VXLAN_GROUP6 -> destination = a.address();
                    case IFLA_VXLAN_LOCAL, IFLA_VXLAN_LOCAL6 -> local = a.address();
                    case IFLA_VXLAN_LINK -> parent = a.u32();
                    case IFLA_VXLAN_TTL -> ttl = a.u8();
                    case IFLA_VXLAN_LEARNING -> learning = a.u8() != 0;
                    case IFLA_VXLAN_AGEING -> ageing = Integer.toUnsignedLong(a.u32());
                    case IFLA_VXLAN_PORT -> port = a.u16Be();
                    default -> { }
                }
            }
            boolean multicast = destination != null && destination.isMulticastAddress();
            return new Info(vni, multicast ? null : destination, multicast ? destination : null, local, port, learning,
                    ttl, parent, ageing);
        }

        @Override
        public void compare(Vxlan spec, Info info, List<String> differences) {
            compare(differences, "vni", spec.vni(), info.vni());
            compare(differences, "remote", text(spec.remote()), text(info.remote()));
            compare(differences, "group", text(spec.group()), text(info.group()));
            if (spec.local() != null) {
                compare(differences, "local", text(spec.local()), text(info.local()));
            }
            if (spec.port() != 0) {
                compare(differences, "port", spec.port(), info.port());
            }
            if (spec.ttl() != 0) {
                compare(differences, "ttl", spec.ttl(), info.ttl());
            }
            compare(differences, "learning", spec.learning(), info.learning());
        }

        @Override
        public String describe(Vxlan spec) {
            return "vxlan " + spec.name() + " id " + spec.vni();
        }

        private static void compare(List<String> differences, String field, Object wanted, Object found) {
            if (!Objects.equals(wanted, found)) {
                differences.add(field + ": wanted " + wanted + ", found " + found);
            }
        }

        private static String text(InetAddress address) {
            return address == null ? null : InetAddresses.text(address);
        }
    };

    public Vxlan {
        Validation.ifname("vxlan name", name);
        if (vni < 0 || vni > MAX_VNI) {
            throw new IllegalArgumentException("vxlan vni: " + vni + " is outside 0.." + MAX_VNI);
        }
        if (remote != null && group != null) {
            throw new IllegalArgumentException("vxlan remote/group: give one of remote " + InetAddresses.text(remote)
                    + " and group " + InetAddresses.text(group) + ", not both");
        }
        if (remote != null && remote.isMulticastAddress()) {
            throw new IllegalArgumentException("vxlan remote: " + InetAddresses.text(remote)
                    + " is a multicast address; use group");
        }
        if (group != null && !group.isMulticastAddress()) {
            throw new IllegalArgumentException("vxlan group: " + InetAddresses.text(group)
                    + " is not a multicast address; use remote");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("vxlan port: " + port + " is outside 0..65535");
        }
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("vxlan ttl: " + ttl + " is outside 0..255");
        }
        if (parent != null) {
            Validation.ifname("vxlan parent", parent);
        }
        Validation.mtu("vxlan mtu", mtu);
        if (mac != null) {
            mac.requireUnicast("vxlan mac");
        }
    }

    /**
     * Checks the combinations the kernel would reject: a group without a parent to join it on, a
     * local address of another family than the remote or group. Every create calls it.
     */
    public Vxlan validate() {
        if (group != null && parent == null) {
            throw new IllegalArgumentException("vxlan group: joining " + InetAddresses.text(group)
                    + " needs a parent link to join it on");
        }
        InetAddress destination = remote != null ? remote : group;
        if (local != null && destination != null
                && (local instanceof Inet4Address) != (destination instanceof Inet4Address)) {
            throw new IllegalArgumentException("vxlan local: " + InetAddresses.text(local)
                    + " is not of the family of " + InetAddresses.text(destination));
        }
        return this;
    }

    /** VXLAN {@code vni} named {@code name}, learning on, everything else left to the kernel. */
    public static Vxlan of(String name, long vni) {
        return new Vxlan(name, vni, null, null, null, 0, true, 0, null, 0, null, null);
    }

    /** {@code remote}, {@code group} and {@code local}, those that are set, as {@code ip} writes them. */
    private static StringBuilder endpoints(StringBuilder s, InetAddress remote, InetAddress group, InetAddress local) {
        if (remote != null) {
            s.append(" remote ").append(InetAddresses.text(remote));
        }
        if (group != null) {
            s.append(" group ").append(InetAddresses.text(group));
        }
        if (local != null) {
            s.append(" local ").append(InetAddresses.text(local));
        }
        return s;
    }

    /** As {@code ip link add} arguments: {@code vxlan vx0 id 42 remote 198.51.100.2 dev parent0 dstport 4789 nolearning}. */
    @Override
    public String toString() {
        StringBuilder s = endpoints(new StringBuilder("vxlan ").append(name).append(" id ").append(vni),
                remote, group, local);
        if (parent != null) {
            s.append(" dev ").append(parent);
        }
        if (port != 0) {
            s.append(" dstport ").append(port);
        }
        if (ttl != 0) {
            s.append(" ttl ").append(ttl);
        }
        if (!learning) {
            s.append(" nolearning");
        }
        if (mtu != 0) {
            s.append(" mtu ").append(mtu);
        }
        if (mac != null) {
            s.append(" address ").append(mac);
        }
        if (netns != null) {
            s.append(" netns ").append(netns.description());
        }
        return s.toString();
    }

    @Override
    public String kind() {
        return "vxlan";
    }

    public Vxlan withRemote(InetAddress remote) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    public Vxlan withGroup(InetAddress group) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    public Vxlan withLocal(InetAddress local) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    public Vxlan withPort(int port) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    /** {@code nolearning}: remote MACs are not learnt from received packets (the FDB is managed). */
    public Vxlan withoutLearning() {
        return new Vxlan(name, vni, remote, group, local, port, false, ttl, parent, mtu, mac, netns);
    }

    public Vxlan withTtl(int ttl) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    public Vxlan withParent(String parent) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    public Vxlan withMtu(int mtu) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    public Vxlan withMac(MacAddress mac) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    public Vxlan withNetns(NetNs netns) {
        return new Vxlan(name, vni, remote, group, local, port, learning, ttl, parent, mtu, mac, netns);
    }

    /**
     * A VXLAN link as the kernel reports it ({@code ip -d link show type vxlan}).
     *
     * @param vni         VXLAN network identifier
     * @param remote      unicast remote endpoint, or null
     * @param group       multicast group, or null
     * @param local       source address, or null
     * @param port        UDP destination port
     * @param learning    whether remote MACs are learnt
     * @param ttl         TTL of outer packets, 0 for the default
     * @param parentIndex index of the link the tunnel goes out of ({@code IFLA_VXLAN_LINK}), 0 if none
     * @param ageing      FDB ageing time in seconds
     */
    public record Info(long vni, InetAddress remote, InetAddress group, InetAddress local, int port, boolean learning,
                       int ttl, int parentIndex, long ageing) implements LinkInfo {

        /** As {@code ip -d link} prints it after the kind: {@code id 42 remote 198.51.100.2 dev if3 dstport 4789 ...}. */
        @Override
        public String toString() {
            StringBuilder s = endpoints(new StringBuilder("id ").append(vni), remote, group, local);
            if (parentIndex != 0) {
                s.append(" dev if").append(parentIndex);
            }
            s.append(" dstport ").append(port).append(learning ? "" : " nolearning");
            s.append(" ttl ").append(ttl == 0 ? "auto" : Integer.toString(ttl)).append(" ageing ").append(ageing);
            return s.toString();
        }
    }
}
