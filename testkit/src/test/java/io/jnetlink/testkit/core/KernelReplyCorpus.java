package io.jnetlink.testkit.core;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Ifa;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.NdMsg;
import io.jnetlink.core.rtnl.Rta;
import io.jnetlink.core.rtnl.Rtnetlink;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.Sandbox;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the decoder fuzzer's seed corpus: real kernel replies, one message per file, from a
 * sandbox holding every link kind the library knows (macvlan in each mode, macvtap, veth, bridge
 * and port, vxlan over IPv4 and IPv6), IPv4 and IPv6 addresses with labels and lifetimes, routes
 * with u32-maximum metrics and tables, a multipath and a blackhole route, rules with every selector
 * and action (a detached iif, an unresolved goto), every link's counters, neighbour entries of each family in several
 * states (and proxy entries); and error replies with
 * extended-ACK texts. Run by hand when the corpus should grow:
 * {@code java -cp ... io.jnetlink.testkit.core.KernelReplyCorpus <replies dir> <errors dir>} (macvlan-api's
 * {@code DecoderFuzzTestInputs/decoders} and netlink-core's {@code ErrorReplyFuzzTestInputs/errorReplies}).
 */
public final class KernelReplyCorpus {

    private KernelReplyCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path errors = Files.createDirectories(Path.of(args[1]));
        try (Sandbox box = Sandbox.create()) {
            String n = box.name();
            for (String command : List.of(
                    "link add eth0 type veth peer name eth0p", "link set eth0 up", "link set eth0p up",
                    "link add mvb link eth0 type macvlan mode bridge", "link add mvv link eth0 type macvlan mode vepa",
                    "link add mvp link eth0 type macvlan mode private bcqueuelen 4294967295",
                    "link add mvs link eth0 type macvlan mode source", "link set dev mvs type macvlan macaddr add 02:00:5e:00:53:09",
                    "link add mt0 link eth0 type macvtap mode bridge",
                    "link add p1 type veth peer name p1p", "link add mvpt link p1 type macvlan mode passthru nopromisc",
                    "link add br0 type bridge", "link add b1 type veth peer name b1p", "link set b1 master br0",
                    "link set b1 type bridge_slave hairpin on", "link set br0 up", "link set b1 up",
                    "link add vx4 type vxlan id 100 remote 192.0.2.2 local 192.0.2.1 dstport 4789 ttl 8 nolearning",
                    "link add vx6 type vxlan id 101 group ff05::100 dev eth0 dstport 4789",
                    "link set mvb alias watched-by-jnetlink", "link set mvv group 2147483647",
                    "address add 192.0.2.1/24 dev eth0", "address add 2001:db8::1/64 dev eth0 nodad",
                    "address add 198.51.100.5/32 dev eth0 label eth0:a valid_lft 100 preferred_lft 50",
                    "route add 203.0.113.0/24 via 192.0.2.254 metric 4294967295",
                    "route add 203.0.113.128/25 dev eth0 table 3000000000",
                    "route add blackhole 198.51.100.128/25",
                    "route add 198.51.100.64/26 nexthop via 192.0.2.253 weight 1 nexthop via 192.0.2.252 weight 2",
                    "route add 2001:db8:1::/64 via 2001:db8::fe metric 1024",
                    "route add 192.0.2.200/32 via 198.18.0.1 dev eth0 onlink",
                    "rule add from 192.0.2.10 lookup 100 prio 100",
                    "rule add not to 198.51.100.0/24 iif eth0 oif mvb fwmark 0x10/0xff tos 0x10 ipproto tcp sport 1000"
                            + " dport 80-90 uidrange 1000-2000 proto static lookup 4000000000 prio 200",
                    "rule add prio 300 goto 400", "rule add prio 301 lookup main suppress_prefixlength 0",
                    "rule add prio 302 suppress_ifgroup 7 lookup 9", "rule add prio 400 prohibit",
                    "rule add prio 401 iif nosuchlink blackhole", "rule add prio 402 goto 4000",
                    "-6 rule add from 2001:db8::/32 unreachable prio 500",
                    "neigh add 192.0.2.5 lladdr 02:00:5e:00:53:05 dev eth0",
                    "neigh add 192.0.2.6 lladdr 02:00:5e:00:53:06 dev eth0 nud stale router",
                    "neigh add 192.0.2.7 dev eth0 nud none",
                    "neigh add 2001:db8::5 lladdr 02:00:5e:00:53:05 dev eth0 nud reachable router",
                    "neigh add 2001:db8::6 lladdr 02:00:5e:00:53:06 dev eth0 nud noarp extern_learn",
                    "neigh add proxy 192.0.2.9 dev eth0", "neigh add proxy 2001:db8::9 dev eth0")) {
                Command.check(("ip -n " + n + " " + command).split(" "));
            }
            try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns());
                 Arena arena = Arena.ofConfined()) {
                NetlinkWriter w = NetlinkWriter.allocate(arena, 4096);
                dump(socket, w.reset(), Rtnetlink.RTM_GETLINK, out, "link");
                dump(socket, w.reset(), Rtnetlink.RTM_GETADDR, out, "address");
                dump(socket, w.reset(), Rtnetlink.RTM_GETROUTE, out, "route");
                dump(socket, w.reset(), Rtnetlink.RTM_GETRULE, out, "rule");
                statsDump(socket, w.reset(), out);
                dump(socket, w.reset(), Rtnetlink.RTM_GETNEIGH, out, "neigh");
                dump(socket, w.reset(), Rtnetlink.RTM_GETNEIGH, out, "neigh-proxy");

                error(socket, errors, "error-unknown-kind", arena, x -> newLink(x, "bad0", "nosuchkind"));
                error(socket, errors, "error-macvlan-mode", arena, x -> {
                    long m = x.beginMessage(Rtnetlink.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
                    x.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
                    x.putString(Ifla.IFLA_IFNAME, "bad1");
                    x.putU32(Ifla.IFLA_LINK, 1);
                    long info = x.beginNest(Ifla.IFLA_LINKINFO);
                    x.putString(Ifla.IFLA_INFO_KIND, "macvlan");
                    long data = x.beginNest(Ifla.IFLA_INFO_DATA);
                    x.putU32(1, 77); // IFLA_MACVLAN_MODE
                    x.endNest(data);
                    x.endNest(info);
                    x.endMessage(m);
                });
                error(socket, errors, "error-exists", arena, x -> newLink(x, "eth0", "bridge"));
                error(socket, errors, "error-no-device", arena, x -> {
                    long m = x.beginMessage(Rtnetlink.RTM_DELLINK, 0);
                    x.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 99_999, 0, 0);
                    x.endMessage(m);
                });
                error(socket, errors, "error-prefix-length", arena, x -> {
                    long m = x.beginMessage(Rtnetlink.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
                    x.ifaddrmsg(Rtnetlink.AF_INET, 33, 0, 0, 1);
                    x.putAddress(Ifa.IFA_LOCAL, address("192.0.2.9"));
                    x.endMessage(m);
                });
                error(socket, errors, "error-gateway", arena, x -> {
                    long m = x.beginMessage(Rtnetlink.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
                    x.rtmsg(Rtnetlink.AF_INET, 24, 0, 0, Rtnetlink.RT_TABLE_MAIN, Rtnetlink.RTPROT_BOOT, 0,
                            Rtnetlink.RTN_UNICAST, 0);
                    x.putAddress(Rta.RTA_DST, address("203.0.113.0"));
                    x.putAddress(Rta.RTA_GATEWAY, address("203.0.113.77"));
                    x.endMessage(m);
                });
            }
        }
    }

    /** {@code ip link add <name> type <kind>}. */
    private static void newLink(NetlinkWriter x, String name, String kind) {
        long m = x.beginMessage(Rtnetlink.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
        x.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        x.putString(Ifla.IFLA_IFNAME, name);
        long info = x.beginNest(Ifla.IFLA_LINKINFO);
        x.putString(Ifla.IFLA_INFO_KIND, kind);
        x.endNest(info);
        x.endMessage(m);
    }

    private static InetAddress address(String text) {
        return io.jnetlink.core.inet.InetAddresses.parse("address", text);
    }

    private static void dump(NetlinkSocket socket, NetlinkWriter w, int type, Path out, String prefix) throws IOException {
        long m = w.beginMessage(type, Netlink.NLM_F_DUMP);
        if (type == Rtnetlink.RTM_GETNEIGH) {
            w.ndmsg(Rtnetlink.AF_UNSPEC, 0, 0, prefix.endsWith("proxy") ? NdMsg.NTF_PROXY : 0, 0); // the proxy table
        } else {
            w.familyHeader(type == Rtnetlink.RTM_GETLINK ? 16 : type == Rtnetlink.RTM_GETADDR ? 8 : 12);
        }
        w.endMessage(m);
        List<byte[]> messages = socket.dump(w, KernelReplyCorpus::copy);
        for (int i = 0; i < messages.size(); i++) {
            Files.write(out.resolve(prefix + "-" + i), messages.get(i));
        }
    }

    /** Every link's counters ({@code RTM_GETSTATS} with the 64-bit counters in its filter), one file per reply. */
    private static void statsDump(NetlinkSocket socket, NetlinkWriter w, Path out) throws IOException {
        long m = w.beginMessage(Rtnetlink.RTM_GETSTATS, Netlink.NLM_F_DUMP);
        long header = w.familyHeader(12);
        w.buffer().set(ValueLayout.JAVA_INT_UNALIGNED, header + 8, Ifla.statsFilterBit(Ifla.IFLA_STATS_LINK_64));
        w.endMessage(m);
        List<byte[]> messages = socket.dump(w, KernelReplyCorpus::copy);
        for (int i = 0; i < messages.size(); i++) {
            Files.write(out.resolve("stats-" + i), messages.get(i));
        }
    }

    /** Sends one request with an ACK wanted and writes the kernel's error reply. */
    private static void error(NetlinkSocket socket, Path out, String name, Arena arena, Consumer<NetlinkWriter> request)
            throws IOException {
        NetlinkWriter w = NetlinkWriter.allocate(arena, 4096);
        request.accept(w);
        w.buffer().set(ValueLayout.JAVA_SHORT_UNALIGNED, 6, (short) (w.buffer().get(ValueLayout.JAVA_SHORT_UNALIGNED, 6)
                | Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK));
        w.buffer().set(ValueLayout.JAVA_INT_UNALIGNED, 8, 4242);
        MessageCursor reply = RawExchange.sendAndReceive(socket, w.buffer(), w.position());
        if (reply == null || !reply.next() || reply.type() != Netlink.NLMSG_ERROR) {
            throw new IllegalStateException(name + ": no error reply");
        }
        Files.write(out.resolve(name), copy(reply));
    }

    private static byte[] copy(MessageCursor m) {
        return m.segment().asSlice(m.offset(), m.length()).toArray(ValueLayout.JAVA_BYTE);
    }
}
