package io.jnetlink.macvlan;

import io.jnetlink.core.Errno;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.rtnl.NdMsg;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static io.jnetlink.core.rtnl.Nda.*;

/**
 * Neighbour entries of one namespace, the ARP and NDP caches and their proxy entries:
 * {@code ip neigh add/replace/del/get/show}. A listing holds every entry the kernel has, as
 * {@code ip neigh show nud all} does ({@code ip neigh show} leaves out {@code NOARP} and
 * state-less ones).
 */
public final class Neighbours {

    private final RtNetlink rt;

    Neighbours(RtNetlink rt) {
        this.rt = rt;
    }

    /** {@code NLM_F_*} flags of {@link #add}: create, and fail with EEXIST if it is there. */
    static final int ADD = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;

    /**
     * {@code ip neigh add ...}, or {@code ip neigh add proxy ...} for a {@link Neighbour#proxy proxy}
     * entry; EEXIST if an entry for the destination is on the link already.
     */
    public void add(Neighbour neighbour) {
        write(neighbour, Rtnetlink.RTM_NEWNEIGH, ADD, "add");
    }

    /** {@code ip neigh replace ...}: adds the entry, or sets the state, flags and lladdr of the one there. */
    public void replace(Neighbour neighbour) {
        write(neighbour, Rtnetlink.RTM_NEWNEIGH, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, "replace");
    }

    /**
     * {@code ip neigh del <destination> dev <link>} (or {@code del proxy ...}): the entry is found by
     * its destination, link and whether it is a proxy entry; its state and lladdr do not matter.
     * ENOENT if there is none.
     */
    public void delete(Neighbour neighbour) {
        write(neighbour, Rtnetlink.RTM_DELNEIGH, 0, "delete");
    }

    /** {@code ip neigh get <destination> dev <link>}: the entry, or empty if the link's cache has none. */
    public Optional<Neighbour> get(String dev, String destination) {
        return get(dev, InetAddresses.parse("neighbour destination", destination));
    }

    /** {@code ip neigh get <destination> dev <link>}: the entry, or empty if the link's cache has none. */
    public Optional<Neighbour> get(String dev, InetAddress destination) {
        if (destination == null) {
            throw new IllegalArgumentException("neighbour destination: must not be null");
        }
        Validation.ifname("neighbour dev", dev);
        String operation = "get neighbour " + InetAddresses.text(destination) + " dev " + dev;
        int index = rt.links().require(dev, operation).index();
        AttributeCursor a = new AttributeCursor();
        return rt.get(operation, w -> {
            long m = w.beginMessage(Rtnetlink.RTM_GETNEIGH, 0);
            w.ndmsg(IpFamily.of(destination).number(), index, 0, 0, 0);
            w.putAddress(NDA_DST, destination);
            w.endMessage(m);
        }, m -> named(decode(m, a), dev), Errno.ENOENT);
    }

    /** The cache entries of one family, every link ({@code ip -4 neigh show nud all}, {@code ip -6 ...}). */
    public List<Neighbour> list(IpFamily family) {
        return named(dump("list neighbours", family, 0, 0));
    }

    /**
     * The cache entries of one family on one link ({@code ip neigh show dev <link> nud all}),
     * filtered by the kernel ({@code NDA_IFINDEX}).
     */
    public List<Neighbour> list(String dev, IpFamily family) {
        return dump(dev, family, 0);
    }

    /** As {@link #list(IpFamily)}, each entry's link by {@link Neighbour#ifindex()} alone, as events give it. */
    List<Neighbour> listByIndex(IpFamily family) {
        return dump("list neighbours", family, 0, 0);
    }

    /** The proxy entries of one family ({@code ip -4 neigh show proxy}, {@code ip -6 ...}). */
    public List<Neighbour> listProxies(IpFamily family) {
        return named(dump("list proxy neighbours", family, 0, NdMsg.NTF_PROXY));
    }

    /** The proxy entries of one family on one link ({@code ip neigh show proxy dev <link>}), filtered by the kernel. */
    public List<Neighbour> listProxies(String dev, IpFamily family) {
        return dump(dev, family, NdMsg.NTF_PROXY);
    }

    /** The entries of {@code dev}, named by it. */
    private List<Neighbour> dump(String dev, IpFamily family, int proxy) {
        Validation.ifname("neighbour dev", dev);
        String operation = "list " + (proxy != 0 ? "proxy " : "") + "neighbours of " + dev;
        int index = rt.links().require(dev, operation).index();
        return dump(operation, family, index, proxy).stream().map(n -> named(n, dev)).toList();
    }

    /**
     * An {@code RTM_GETNEIGH} dump of one family: the proxy table if {@code proxy} is
     * {@code NTF_PROXY}, else the cache; a non-zero {@code index} is the {@code NDA_IFINDEX}
     * filter the kernel applies (a strict-check dump request).
     */
    private List<Neighbour> dump(String operation, IpFamily family, int index, int proxy) {
        if (family == null) {
            throw new IllegalArgumentException("neighbour family: must not be null");
        }
        AttributeCursor a = new AttributeCursor();
        return rt.dump(operation, w -> {
            long m = w.beginMessage(Rtnetlink.RTM_GETNEIGH, Netlink.NLM_F_DUMP);
            w.ndmsg(family.number(), 0, 0, proxy, 0);
            if (index != 0) {
                w.putU32(NDA_IFINDEX, index);
            }
            w.endMessage(m);
        }, m -> decode(m, a));
    }

    /** The entries with {@link Neighbour#dev()} set to the names this namespace knows their links by. */
    private List<Neighbour> named(List<Neighbour> neighbours) {
        if (neighbours.stream().noneMatch(n -> n.ifindex() != 0)) {
            return neighbours;
        }
        Map<Integer, String> names = new HashMap<>();
        rt.links().list().forEach(l -> names.put(l.index(), l.name()));
        return neighbours.stream().map(n -> named(n, names.get(n.ifindex()))).toList();
    }

    private static Neighbour named(Neighbour n, String dev) {
        return n == null || dev == null || n.ifindex() == 0 ? n : new Neighbour(n.destination(), n.lladdr(),
                n.ifindex(), dev, n.state(), n.flags(), n.probes(), n.cacheInfo());
    }

    private void write(Neighbour neighbour, int type, int flags, String verb) {
        String operation = describe(verb, type == Rtnetlink.RTM_DELNEIGH ? key(neighbour) : neighbour);
        if (!neighbour.isProxy() && neighbour.ifindex() == 0 && neighbour.dev() == null) {
            throw new IllegalArgumentException("neighbour dev: " + operation
                    + ": an entry that is not a proxy entry is on a link; give dev or ifindex");
        }
        int index = ifindex(neighbour, () -> operation);
        rt.execute(() -> operation, w -> encode(w, neighbour, index, type, flags));
    }

    /** How errors name a request, e.g. {@code add neighbour 192.0.2.5 dev mv0 lladdr 02:00:00:00:00:05 PERMANENT}. */
    static String describe(String verb, Neighbour neighbour) {
        return verb + " neighbour " + neighbour;
    }

    /** What a delete finds the entry by: destination, link, whether it is a proxy entry. */
    private static Neighbour key(Neighbour n) {
        return new Neighbour(n.destination(), null, n.ifindex(), n.dev(), Set.of(),
                n.isProxy() ? Set.of(NeighbourFlag.PROXY) : Set.of(), 0, null);
    }

    /** The entry's link: its index, or its device's looked up for {@code operation}; 0 for none. */
    int ifindex(Neighbour neighbour, Supplier<String> operation) {
        return neighbour.ifindex() != 0 || neighbour.dev() == null ? neighbour.ifindex()
                : rt.links().require(neighbour.dev(), operation.get()).index();
    }

    /**
     * An {@code RTM_NEWNEIGH} or {@code RTM_DELNEIGH} ({@code type}) for {@code neighbour} on link
     * {@code index}. A delete carries only what the kernel finds the entry by: family, link,
     * {@code NTF_PROXY} and {@code NDA_DST}.
     */
    static void encode(NetlinkWriter w, Neighbour neighbour, int index, int type, int flags) {
        boolean delete = type == Rtnetlink.RTM_DELNEIGH;
        int ndmFlags = NeighbourFlag.ndmFlags(neighbour.flags());
        long m = w.beginMessage(type, flags);
        w.ndmsg(neighbour.family().number(), index, delete ? 0 : NeighbourState.toBits(neighbour.state()),
                delete ? ndmFlags & NdMsg.NTF_PROXY : ndmFlags, 0);
        w.putAddress(NDA_DST, neighbour.destination());
        if (!delete) {
            if (neighbour.lladdr() != null) {
                w.putMac(NDA_LLADDR, neighbour.lladdr().value());
            }
            int extended = NeighbourFlag.extendedFlags(neighbour.flags());
            if (extended != 0) {
                w.putU32(NDA_FLAGS_EXT, extended);
            }
        }
        w.endMessage(m);
    }

    /**
     * Decodes an {@code RTM_NEWNEIGH} or {@code RTM_DELNEIGH}; null for one of another family than
     * IPv4 and IPv6 (a bridge's or vxlan's forwarding entry, which the same group announces).
     */
    static Neighbour decode(MessageCursor m, AttributeCursor a) {
        int family = NdMsg.family(m);
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            return null;
        }
        InetAddress destination = null;
        MacAddress lladdr = null;
        int probes = 0;
        int extended = 0;
        Neighbour.CacheInfo cacheInfo = null;
        m.attributes(NdMsg.SIZE, a);
        while (a.next()) {
            switch (a.type()) {
                case NDA_DST -> destination = destination(a, family);
                case NDA_LLADDR -> lladdr = a.payloadLength() == 6 ? new MacAddress(a.mac()) : null;
                case NDA_PROBES -> probes = a.u32();
                case NDA_FLAGS_EXT -> extended = a.u32();
                case NDA_CACHEINFO -> cacheInfo = cacheInfo(a);
                default -> { }
            }
        }
        if (destination == null) {
            throw new MalformedMessageException(Rtnetlink.typeName(m.type()) + ": no NDA_DST");
        }
        try {
            return new Neighbour(destination, lladdr, NdMsg.ifindex(m), null, NeighbourState.fromBits(NdMsg.state(m)),
                    NeighbourFlag.fromBits(NdMsg.flags(m), extended), probes, cacheInfo);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(Rtnetlink.typeName(m.type()) + ": " + e.getMessage());
        }
    }

    /** {@code NDA_DST} of {@code family}: an IPv6 address stays one even when IPv4-mapped. */
    private static InetAddress destination(AttributeCursor a, int family) {
        int length = family == Rtnetlink.AF_INET ? 4 : 16;
        if (a.payloadLength() != length) {
            throw new MalformedMessageException("NDA_DST of " + a.payloadLength() + " bytes in a neighbour message"
                    + " of family " + family + " (" + length + " expected)");
        }
        if (length == 4) {
            return a.address();
        }
        try {
            return Inet6Address.getByAddress(null, a.bytes(), -1);
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("NDA_DST: " + e.getMessage());
        }
    }

    /** {@code struct nda_cacheinfo}: u32 confirmed, used, updated (in USER_HZ ticks, 100 a second), refcnt. */
    private static Neighbour.CacheInfo cacheInfo(AttributeCursor a) {
        if (a.payloadLength() < NDA_CACHEINFO_SIZE) {
            throw new MalformedMessageException("NDA_CACHEINFO of " + a.payloadLength() + " bytes ("
                    + NDA_CACHEINFO_SIZE + " expected)");
        }
        long at = a.payloadOffset();
        return new Neighbour.CacheInfo(ticks(a, at), ticks(a, at + 4), ticks(a, at + 8),
                Integer.toUnsignedLong(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, at + 12)));
    }

    private static Duration ticks(AttributeCursor a, long at) {
        return Duration.ofMillis(Integer.toUnsignedLong(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, at)) * 10);
    }
}
