package io.jnetlink.macvlan;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.rtnl.IfStatsMsg;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static io.jnetlink.core.rtnl.Ifla.*;

/**
 * Links of one namespace, as {@code ip link add/show/set/delete} handles them, for every kind of
 * {@link LinkSpec}, with their counters ({@code ip -s link}) and per-link IPv6 settings. Many
 * links at once: {@link RtNetlink#bulk()}; macvlan-only settings: {@link RtNetlink#macvlans()}.
 */
public final class Links {

    /** {@code IFLA_INET_CONF} of {@code <linux/if_link.h>}: IPv4 settings inside {@code IFLA_AF_SPEC/AF_INET}. */
    private static final int IFLA_INET_CONF = 1;
    /** {@code IPV4_DEVCONF_ARP_NOTIFY} of {@code <linux/ip.h>}. */
    private static final int IPV4_DEVCONF_ARP_NOTIFY = 22;

    private final RtNetlink rt;

    Links(RtNetlink rt) {
        this.rt = rt;
    }

    /**
     * Creates a link and returns it as the kernel reports it. A link with {@link LinkSpec#netns()}
     * is created from inside that namespace, its parent named by index and namespace id
     * ({@code IFLA_LINK_NETNSID}), so a same-named link here never collides and no rename is needed
     * (a rename waits for an RCU grace period, ~20 ms). Kernels that resolve the name here first
     * get the CNI plugin's way instead: a temporary name, renamed inside, removed again if the
     * rename fails.
     */
    public Link create(LinkSpec spec) {
        if (!isElsewhere(spec)) {
            int parentIndex = prepare(spec);
            rt.execute(Links::writeCreate, spec, parentIndex, Links::describeCreate);
            return require(spec.name());
        }
        try (RtNetlink inside = RtNetlink.open(spec.netns())) {
            return create(spec, inside);
        }
    }

    /**
     * As {@link #create(LinkSpec)} for a spec with {@link LinkSpec#netns()}, through {@code inside},
     * an entry point the caller already has open in that namespace (saving opening another).
     */
    public Link create(LinkSpec spec, RtNetlink inside) {
        requireInside(spec, inside);
        return createInside(spec, prepare(spec), inside);
    }

    /**
     * As {@link #create(LinkSpec, RtNetlink)} with the parent already looked up here, as
     * {@link #add(LinkSpec, Link)} takes it: no second lookup. {@code parent} must be the spec's
     * parent.
     */
    public Link create(LinkSpec spec, Link parent, RtNetlink inside) {
        requireInside(spec, inside);
        requireParentOf(spec, parent);
        validate(spec);
        checkParent(spec, parent);
        return createInside(spec, parent.index(), inside);
    }

    private static void requireInside(LinkSpec spec, RtNetlink inside) {
        if (spec.netns() == null || !spec.netns().isSameAs(inside.netns())) {
            throw new IllegalArgumentException("inside: " + inside + " is not in the namespace " + describe(spec)
                    + " is to be created in");
        }
    }

    private static void requireParentOf(LinkSpec spec, Link parent) {
        if (spec.parent() == null || !spec.parent().equals(parent.name())) {
            throw new IllegalArgumentException("parent: " + parent.name() + " is not the parent of "
                    + describe(spec));
        }
    }

    /** Creates {@code spec} from inside its namespace, its parent ({@code parentIndex}, 0 for none) here. */
    private Link createInside(LinkSpec spec, int parentIndex, RtNetlink inside) {
        int nsid = parentIndex == 0 ? -1 : inside.nsidOf(rt.netns());
        try {
            inside.execute((w, s, parent) -> LinkCodec.create(w, s, s.name(), parent, null, nsid), spec, parentIndex,
                    Links::describeCreate);
            return inside.links().require(spec.name());
        } catch (NetlinkErrorException e) {
            boolean oldKernel = e.errno().number() == Errno.EINVAL || e.errno().number() == Errno.EOPNOTSUPP
                    // an older kernel creates the link here first, where the name may be taken
                    || (e.errno().number() == Errno.EEXIST && inside.links().get(spec.name()).isEmpty());
            if (!oldKernel) {
                throw e;
            }
        }
        return createRenamed(spec, parentIndex, inside);
    }

    /** Creates {@code spec} in its namespace under a temporary name and renames it there. */
    private Link createRenamed(LinkSpec spec, int parentIndex, RtNetlink inside) {
        String temporary = temporaryName();
        rt.execute((w, s, parent) -> LinkCodec.create(w, s, temporary, parent), spec, parentIndex,
                Links::describeCreate);
        try {
            inside.links().rename(temporary, spec.name());
            return inside.links().require(spec.name());
        } catch (RuntimeException e) {
            try {
                inside.links().delete(temporary);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Creates a link and waits for the kernel's ACK without reading the link back, as
     * {@code ip link add} does: the fast path for creating links one at a time. A link for another
     * namespace goes through {@link #create}.
     */
    public void add(LinkSpec spec) {
        if (isElsewhere(spec)) {
            create(spec);
            return;
        }
        rt.execute(Links::writeCreate, spec, prepare(spec), Links::describeCreate);
    }

    /**
     * As {@link #add(LinkSpec)} with the parent already looked up, as vishvananda/netlink and
     * pyroute2 take it (by index): no lookup per link. {@code parent} must be the spec's parent.
     */
    public void add(LinkSpec spec, Link parent) {
        requireParentOf(spec, parent);
        if (isElsewhere(spec)) {
            create(spec);
            return;
        }
        validate(spec);
        checkParent(spec, parent);
        rt.execute(Links::writeCreate, spec, parent.index(), Links::describeCreate);
    }

    /** The link named {@code name}, if it exists. */
    public Optional<Link> get(String name) {
        Validation.ifname("link name", name);
        return rt.get("get link " + name, w -> writeGet(w, name), rt.linkCodec()::decode, Errno.ENODEV);
    }

    /** The link with interface index {@code index}, if it exists. */
    public Optional<Link> get(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("link index: must be positive, got " + index);
        }
        return rt.get("get link #" + index, w -> {
            long m = w.beginMessage(Rtnetlink.RTM_GETLINK, 0);
            w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, index, 0, 0);
            w.putU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
            w.endMessage(m);
        }, rt.linkCodec()::decode, Errno.ENODEV);
    }

    /** The link named {@code name}; {@link LinkNotFoundException} if there is none. */
    public Link require(String name) {
        return require(name, "get link " + name);
    }

    /**
     * The link named {@code name}, needed for {@code operation}; a {@link LinkNotFoundException}
     * naming the operation (or field, e.g. {@code master}) and this namespace if there is none.
     */
    public Link require(String name, String operation) {
        return get(name).orElseThrow(() -> new LinkNotFoundException(operation, name, rt.netns().description()));
    }

    /** Every link of the namespace, of any kind ({@code ip -d link show}). */
    public List<Link> list() {
        return rt.dump("list links", Links::dumpRequest, rt.linkCodec()::decode);
    }

    /**
     * The counters of link {@code name} ({@code ip -s link show dev <name>}): one {@code RTM_GETLINK},
     * whose answer carries them ({@link Link#stats()}); by index, {@link #stats(int)} asks for them alone.
     *
     * @throws LinkNotFoundException if there is no such link
     */
    public LinkStats stats(String name) {
        String operation = "get statistics of link " + name;
        Link link = require(name, operation);
        return link.stats() != null ? link.stats() : stats(link.index())
                .orElseThrow(() -> new LinkNotFoundException(operation, name, rt.netns().description()));
    }

    /** The counters of link {@code index}, in one {@code RTM_GETSTATS}; empty if there is no such link. */
    public Optional<LinkStats> stats(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("link index: must be positive, got " + index);
        }
        AttributeCursor a = new AttributeCursor();
        return rt.get("get statistics of link #" + index, w -> LinkStats.request(w, index, 0),
                m -> LinkStats.decode(m, a), Errno.ENODEV);
    }

    /** The counters of every link of the namespace, by interface index, in one {@code RTM_GETSTATS} dump. */
    public Map<Integer, LinkStats> statsAll() {
        AttributeCursor a = new AttributeCursor();
        Map<Integer, LinkStats> all = new LinkedHashMap<>();
        rt.dump("get statistics of every link", w -> LinkStats.request(w, 0, Netlink.NLM_F_DUMP), m -> {
            LinkStats stats = LinkStats.decode(m, a);
            return stats == null ? null : Map.entry(IfStatsMsg.index(m), stats);
        }).forEach(e -> all.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(all);
    }

    /** {@code ip link delete <name>}. Costs one kernel RCU grace period (~16 ms): see {@link BulkLinks}. */
    public void delete(String name) {
        Validation.ifname("link name", name);
        rt.execute(Links::writeDelete, name, 0, (n, unused) -> "delete link " + n);
    }

    /** {@code ip link set <name> up}. */
    public void setUp(String name) {
        Validation.ifname("link name", name);
        rt.execute(Links::writeFlags, name, IFF_UP, Links::describeUp);
    }

    /** {@code ip link set <name> down}. */
    public void setDown(String name) {
        Validation.ifname("link name", name);
        rt.execute(Links::writeFlags, name, 0, (n, unused) -> "set link " + n + " down");
    }

    /** {@code ip link set <name> name <newName>}. */
    public void rename(String name, String newName) {
        Validation.ifname("new link name", newName);
        int index = require(name, "rename link " + name + " to " + newName).index();
        rt.execute(() -> "rename link " + name + " to " + newName, w -> {
            long m = LinkCodec.changeByIndex(w, index);
            w.putString(IFLA_IFNAME, newName);
            w.endMessage(m);
        });
    }

    /**
     * {@code ip link set <name> mtu <mtu>}. The device's limits are the kernel's to apply; when it
     * refuses, the error says what they are ({@code mtu: lo takes 0..65536}).
     */
    public void setMtu(String name, int mtu) {
        if (mtu == 0) {
            throw new IllegalArgumentException("link mtu: 0 is not an MTU");
        }
        Validation.mtu("link mtu", mtu);
        try {
            change(name, "set mtu " + mtu, w -> w.putU32(IFLA_MTU, mtu));
        } catch (NetlinkErrorException e) {
            if (e.errno().number() != Errno.EINVAL) {
                throw e;
            }
            Optional<Link> link = get(name);
            if (link.isEmpty()) {
                throw e;
            }
            String min = Integer.toUnsignedString(link.get().minMtu());
            throw e.withExplanation("mtu: " + name + " takes " + (link.get().maxMtu() == 0 ? "at least " + min
                    : min + ".." + Integer.toUnsignedString(link.get().maxMtu())));
        }
    }

    /** {@code ip link set <name> address <mac>}. */
    public void setMac(String name, MacAddress mac) {
        mac.requireUnicast("link mac");
        change(name, "set address " + mac, w -> w.putMac(IFLA_ADDRESS, mac.value()));
    }

    /** {@code ip link set <name> alias <alias>}; an empty alias removes it. */
    public void setAlias(String name, String alias) {
        if (alias.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("link alias: \"" + alias + "\" is longer than 255 bytes");
        }
        change(name, "set alias", w -> w.putString(IFLA_IFALIAS, alias));
    }

    /** {@code ip link set <name> group <group>} (a u32). */
    public void setGroup(String name, long group) {
        Validation.u32("link group", group);
        change(name, "set group " + group, w -> w.putU32(IFLA_GROUP, (int) group));
    }

    /** {@code ip link set <name> netns <target>}. */
    public void moveTo(String name, NetNs target) {
        change(name, "move to " + target.description(), w -> w.putU32(IFLA_NET_NS_FD, target.fd()));
    }

    /** {@code ip link set <name> netns <pid>}. */
    public void moveToPid(String name, long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pid: must be a positive process id, got " + pid);
        }
        change(name, "move to the namespace of pid " + pid, w -> w.putU32(IFLA_NET_NS_PID, (int) pid));
    }

    /** {@code ip link set <name> master <bridge>}. */
    public void setMaster(String name, String bridge) {
        int master = require(bridge, "attach " + name + " to bridge " + bridge).index();
        change(name, "attach to bridge " + bridge, w -> w.putU32(IFLA_MASTER, master));
    }

    /** {@code ip link set <name> nomaster}. */
    public void removeMaster(String name) {
        change(name, "detach from its master", w -> w.putU32(IFLA_MASTER, 0));
    }

    /**
     * Turns a bridge port's hairpin mode on: {@code ip link set dev <name> type
     * bridge_slave hairpin on}, {@code brctl hairpin <bridge> <name> on}.
     */
    public void setHairpinOn(String name) {
        change(name, "set hairpin on", w -> BridgePort.writeHairpin(w, 1));
    }

    /** Turns a bridge port's hairpin mode off: {@code ip link set dev <name> type bridge_slave hairpin off}. */
    public void setHairpinOff(String name) {
        change(name, "set hairpin off", w -> BridgePort.writeHairpin(w, 0));
    }

    /**
     * {@code sysctl net.ipv4.conf.<name>.arp_notify}: whether the link sends a gratuitous ARP when
     * it comes up or its address changes. Set through netlink ({@code IFLA_INET_CONF}), so no
     * thread has to enter the namespace.
     */
    public void setArpNotifyOn(String name) {
        setArpNotify(name, 1);
    }

    /** {@code sysctl net.ipv4.conf.<name>.arp_notify=0}, through netlink as {@link #setArpNotifyOn}. */
    public void setArpNotifyOff(String name) {
        setArpNotify(name, 0);
    }

    private void setArpNotify(String name, int value) {
        change(name, "set arp_notify " + value, w -> writeArpNotify(w, value));
    }

    /**
     * The IPv6 settings of link {@code name}, read from its link message (no thread enters the
     * namespace).
     *
     * @throws LinkNotFoundException if there is no such link
     * @throws IllegalStateException if the link has no IPv6 state: its MTU is below 1280, or IPv6
     *                               is off in the kernel
     */
    public Ipv6Settings ipv6(String name) {
        Validation.ifname("link name", name);
        String operation = "get IPv6 settings of link " + name;
        return rt.get(operation, w -> writeGet(w, name), m -> Optional.ofNullable(rt.linkCodec().decodeIpv6(m)),
                        Errno.ENODEV)
                .orElseThrow(() -> new LinkNotFoundException(operation, name, rt.netns().description()))
                .orElseThrow(() -> new IllegalStateException(operation + " in " + rt.where()
                        + ": the link has no IPv6 (its MTU is below 1280, or IPv6 is off in this kernel)"));
    }

    /** {@code ip link set dev <name> addrgenmode <mode>}, through netlink ({@code IFLA_INET6_ADDR_GEN_MODE}). */
    public void setAddrGenMode(String name, AddrGenMode mode) {
        requireValue("link addrGenMode", mode);
        change(name, "set addrgenmode " + mode.ipName(), w -> Ipv6Settings.writeAddrGenMode(w, mode));
    }

    /**
     * {@code sysctl -w net.ipv6.conf.<name>.<key>=<value>} in this entry point's namespace: the
     * kernel takes these only through {@code /proc/sys}, so a thread enters the namespace to
     * write it (which needs {@code CAP_SYS_ADMIN} unless the caller's thread is there already).
     * No other namespace's value changes. Values any link refuses are refused here, naming the key.
     *
     * @throws LinkNotFoundException if there is no such link
     * @throws io.jnetlink.core.SyscallException naming the file and the errno if the kernel refuses
     */
    public void setIpv6(String name, Ipv6Setting setting, int value) {
        requireValue("ipv6 setting", setting);
        Sysctl.setIpv6(rt, name, setting, value);
    }

    /** {@code sysctl -w net.ipv6.conf.<name>.accept_ra=...}, as {@link #setIpv6} writes it. */
    public void setAcceptRa(String name, AcceptRa acceptRa) {
        requireValue("ipv6 accept_ra", acceptRa);
        setIpv6(name, Ipv6Setting.ACCEPT_RA, acceptRa.value());
    }

    /** {@code sysctl -w net.ipv6.conf.<name>.accept_dad=...}, as {@link #setIpv6} writes it. */
    public void setAcceptDad(String name, AcceptDad acceptDad) {
        requireValue("ipv6 accept_dad", acceptDad);
        setIpv6(name, Ipv6Setting.ACCEPT_DAD, acceptDad.value());
    }

    /** {@code sysctl -w net.ipv6.conf.<name>.disable_ipv6=1}: the link's IPv6 addresses go, none come. */
    public void disableIpv6(String name) {
        setIpv6(name, Ipv6Setting.DISABLE_IPV6, 1);
    }

    /** {@code sysctl -w net.ipv6.conf.<name>.disable_ipv6=0}. */
    public void enableIpv6(String name) {
        setIpv6(name, Ipv6Setting.DISABLE_IPV6, 0);
    }

    private static void requireValue(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": must not be null");
        }
    }

    /** The attributes of {@link #setArpNotifyOn}: {@code IFLA_AF_SPEC/AF_INET/IFLA_INET_CONF}. */
    static void writeArpNotify(NetlinkWriter w, int value) {
        long spec = w.beginNest(IFLA_AF_SPEC);
        long inet = w.beginNest(Rtnetlink.AF_INET);
        long conf = w.beginNest(IFLA_INET_CONF);
        w.putU32(IPV4_DEVCONF_ARP_NOTIFY, value);
        w.endNest(conf);
        w.endNest(inet);
        w.endNest(spec);
    }

    /**
     * Makes a link with this spec exist, as a boot script's {@code ip link show X || ip link add
     * X ...} does: creates it if absent, returns it untouched if it matches, and throws
     * {@link LinkMismatchException} listing every difference otherwise (see
     * {@link LinkDifferences}).
     */
    public Link ensure(LinkSpec spec) {
        return new Ensure(rt).ensure(spec);
    }

    /** Changes {@code name} with the attributes {@code attributes} writes. */
    void change(String name, String what, Consumer<NetlinkWriter> attributes) {
        Validation.ifname("link name", name);
        rt.execute(() -> describeChange(name, what), w -> writeChange(w, name, attributes));
    }

    /** An {@code RTM_NEWLINK} changing {@code name} with the attributes {@code attributes} writes. */
    static void writeChange(NetlinkWriter w, String name, Consumer<NetlinkWriter> attributes) {
        long m = LinkCodec.change(w, name, 0, 0);
        attributes.accept(w);
        w.endMessage(m);
    }

    /** How errors name a change of a link, e.g. {@code set arp_notify 1 on link eth0}. */
    static String describeChange(String name, String what) {
        return what + " on link " + name;
    }

    /** Validates a spec and resolves its parent's index (0 for none), with the kind's parent checks. */
    int prepare(LinkSpec spec) {
        validate(spec);
        if (spec.parent() == null) {
            return 0;
        }
        Link parent = get(spec.parent()).orElseThrow(() -> new LinkNotFoundException(
                "create " + describe(spec) + ": parent", spec.parent(), rt.netns().description()));
        checkParent(spec, parent);
        return parent.index();
    }

    /** The kind's checks of {@code spec} against its resolved {@code parent}. */
    <S extends LinkSpec> void checkParent(S spec, Link parent) {
        LinkKinds.of(spec).checkParent(spec, parent, this);
    }

    static <S extends LinkSpec> void validate(S spec) {
        LinkKinds.of(spec).validate(spec);
    }

    /** How errors name the creation of {@code spec}, e.g. {@code macvlan mv0 on eth0 mode bridge}. */
    static <S extends LinkSpec> String describe(S spec) {
        return LinkKinds.of(spec).describe(spec);
    }

    /** {@code RTM_GETLINK} of the link named {@code name}, its IPv6 and VF statistics left out. */
    private static void writeGet(NetlinkWriter w, String name) {
        long m = w.beginMessage(Rtnetlink.RTM_GETLINK, 0);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(IFLA_IFNAME, name);
        w.putU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        w.endMessage(m);
    }

    /**
     * {@code RTM_GETLINK} dump of every link, IPv6 and VF statistics left out (nothing here reads
     * them; the link's own counters, {@code IFLA_STATS64}, come whatever the mask).
     */
    static void dumpRequest(NetlinkWriter w) {
        long m = w.beginMessage(Rtnetlink.RTM_GETLINK, Netlink.NLM_F_DUMP);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        w.endMessage(m);
    }

    private boolean isElsewhere(LinkSpec spec) {
        return spec.netns() != null && !spec.netns().isSameAs(rt.netns());
    }

    private static void writeCreate(NetlinkWriter w, LinkSpec spec, int parentIndex) {
        LinkCodec.create(w, spec, spec.name(), parentIndex);
    }

    private static String describeCreate(LinkSpec spec, int parentIndex) {
        return "create " + describe(spec);
    }

    private static void writeDelete(NetlinkWriter w, String name, int unused) {
        long m = w.beginMessage(Rtnetlink.RTM_DELLINK, 0);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
        w.putString(IFLA_IFNAME, name);
        w.endMessage(m);
    }

    /** An {@code RTM_NEWLINK} setting {@code IFF_UP} of {@code name} to {@code flags}'s. */
    static void writeFlags(NetlinkWriter w, String name, int flags) {
        w.endMessage(LinkCodec.change(w, name, flags, Ifla.IFF_UP));
    }

    /** How errors name {@link #setUp}. */
    static String describeUp(String name, int unused) {
        return "set link " + name + " up";
    }

    private static String temporaryName() {
        byte[] bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "jnl" + HexFormat.of().formatHex(bytes); // 13 bytes
    }
}
