package io.jnetlink.macvlan;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.MacAddress;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * A neighbour entry ({@code ip neigh}: an ARP or NDP cache entry, or a proxy entry), to add or as
 * reported: {@code struct ndmsg} and its {@code NDA_*} attributes. Build with {@link #of(String, MacAddress)}
 * or {@link #proxy(String)}, then {@code withDev}, {@code withState}, {@code withFlag}. The family
 * ({@code ndm_family}) is the destination's.
 *
 * @param destination {@code NDA_DST}: the neighbour's IPv4 or IPv6 address
 * @param lladdr      {@code NDA_LLADDR}: its link-layer address, or null (none given; an entry
 *                    without a valid state; a link whose addresses are not 6 bytes)
 * @param ifindex     {@code ndm_ifindex}: the link, 0 for none (to be looked up by {@code dev}, or
 *                    a proxy entry for every link)
 * @param dev         the link's name: when adding without {@code ifindex}, the link to look up; in
 *                    a listed entry, the name the listing knows {@code ifindex} by (null if none)
 * @param state       {@code ndm_state}: its {@code NUD_*} states, unmodifiable; empty is {@code NUD_NONE}
 * @param flags       {@code ndm_flags} and {@code NDA_FLAGS_EXT}, unmodifiable
 * @param probes      {@code NDA_PROBES}: probes sent since the entry was last confirmed (reported; 0 to add)
 * @param cacheInfo   {@code NDA_CACHEINFO} (reported), or null
 */
public record Neighbour(InetAddress destination, MacAddress lladdr, int ifindex, String dev,
                        Set<NeighbourState> state, Set<NeighbourFlag> flags, int probes, CacheInfo cacheInfo) {

    /**
     * {@code struct nda_cacheinfo}: how long ago the entry was last confirmed, used and updated
     * (the kernel counts in 1/100 s), and how many references it has ({@code ip -s neigh} prints
     * {@code ref R used U/C/T} in seconds).
     *
     * @param confirmed time since the neighbour was last confirmed reachable
     * @param used      time since the entry was last used
     * @param updated   time since the entry last changed
     * @param refcount  references held, besides the table's
     */
    public record CacheInfo(Duration confirmed, Duration used, Duration updated, long refcount) {
    }

    /** Checks the fields; copies {@code state} and {@code flags} into unmodifiable sets. */
    public Neighbour {
        if (destination == null) {
            throw new IllegalArgumentException("neighbour destination: must not be null");
        }
        Validation.nonNegative("neighbour ifindex", ifindex);
        if (dev != null) {
            Validation.ifname("neighbour dev", dev);
        }
        state = copy("neighbour state", state, NeighbourState.class, " (the empty set is NUD_NONE)");
        flags = copy("neighbour flags", flags, NeighbourFlag.class, " (the empty set is none)");
        Validation.nonNegative("neighbour probes", probes);
    }

    /**
     * A permanent entry ({@code ip neigh add <destination> lladdr <lladdr>}, whose state is
     * {@code permanent} unless {@code nud} says otherwise) for a numeric IPv4 or IPv6 address;
     * {@code lladdr} may be null, when the kernel has it already or the state needs none.
     */
    public static Neighbour of(String destination, MacAddress lladdr) {
        return of(InetAddresses.parse("neighbour destination", destination), lladdr);
    }

    /** As {@link #of(String, MacAddress)}. */
    public static Neighbour of(InetAddress destination, MacAddress lladdr) {
        return new Neighbour(destination, lladdr, 0, null, EnumSet.of(NeighbourState.PERMANENT),
                Set.of(), 0, null);
    }

    /**
     * A proxy entry ({@code ip neigh add proxy <destination>}): this host answers ARP or neighbour
     * solicitations for {@code destination} on its link ({@link #withDev}, or every link if none).
     * As {@code ip} sends it, {@code permanent}: it survives the link losing carrier.
     */
    public static Neighbour proxy(String destination) {
        return proxy(InetAddresses.parse("neighbour destination", destination));
    }

    /** As {@link #proxy(String)}. */
    public static Neighbour proxy(InetAddress destination) {
        return new Neighbour(destination, null, 0, null, EnumSet.of(NeighbourState.PERMANENT),
                EnumSet.of(NeighbourFlag.PROXY), 0, null);
    }

    /** {@code dev <name>}: the link, looked up when the entry is written (unless {@code ifindex} is set). */
    public Neighbour withDev(String dev) {
        return new Neighbour(destination, lladdr, ifindex, Validation.ifname("neighbour dev", dev), state, flags,
                probes, cacheInfo);
    }

    /** The link by its index. */
    public Neighbour withIfindex(int ifindex) {
        return new Neighbour(destination, lladdr, ifindex, dev, state, flags, probes, cacheInfo);
    }

    /** {@code lladdr <mac>}, or none for null. */
    public Neighbour withLladdr(MacAddress lladdr) {
        return new Neighbour(destination, lladdr, ifindex, dev, state, flags, probes, cacheInfo);
    }

    /** {@code nud <state>}: these states in place of the entry's; none is {@code NUD_NONE}. */
    public Neighbour withState(NeighbourState... state) {
        return withState(state == null ? null : Arrays.asList(state));
    }

    /** {@code nud <state>}: these states in place of the entry's; the empty set is {@code NUD_NONE}. */
    public Neighbour withState(Collection<NeighbourState> state) {
        return new Neighbour(destination, lladdr, ifindex, dev, state == null ? null : new HashSet<>(state), flags,
                probes, cacheInfo);
    }

    /** The entry with {@code flag} set too, e.g. {@link NeighbourFlag#ROUTER} ({@code ip neigh add ... router}). */
    public Neighbour withFlag(NeighbourFlag flag) {
        if (flag == null) {
            throw new IllegalArgumentException("neighbour flags: must not contain null");
        }
        EnumSet<NeighbourFlag> more = flags.isEmpty() ? EnumSet.noneOf(NeighbourFlag.class) : EnumSet.copyOf(flags);
        more.add(flag);
        return new Neighbour(destination, lladdr, ifindex, dev, state, more, probes, cacheInfo);
    }

    /** {@code IPV4} or {@code IPV6}: the destination's family, sent as {@code ndm_family}. */
    public IpFamily family() {
        return IpFamily.of(destination);
    }

    /** True for a proxy entry ({@link NeighbourFlag#PROXY}). */
    public boolean isProxy() {
        return flags.contains(NeighbourFlag.PROXY);
    }

    /**
     * As {@code ip neigh show} prints it: {@code 192.0.2.5 dev mv0 lladdr 02:00:00:00:00:05 PERMANENT},
     * {@code 2001:db8::1 dev mv0 lladdr 02:00:00:00:00:01 router STALE}, {@code 192.0.2.9 dev mv0 proxy};
     * a link the listing could not name is {@code if<index>}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(InetAddresses.text(destination));
        if (dev != null || ifindex != 0) {
            s.append(" dev ").append(dev != null ? dev : "if" + ifindex);
        }
        if (lladdr != null) {
            s.append(" lladdr ").append(lladdr);
        }
        for (NeighbourFlag flag : NeighbourFlag.IP_ORDER) {
            if (flags.contains(flag)) {
                s.append(' ').append(flag.ipName());
            }
        }
        for (NeighbourState st : state) {
            s.append(' ').append(st.name());
        }
        return s.toString();
    }

    private static <E extends Enum<E>> Set<E> copy(String field, Set<E> values, Class<E> type, String hint) {
        if (values == null) {
            throw new IllegalArgumentException(field + ": must not be null" + hint);
        }
        EnumSet<E> copy = EnumSet.noneOf(type);
        for (E value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + ": must not contain null");
            }
            copy.add(value);
        }
        return Collections.unmodifiableSet(copy);
    }
}
