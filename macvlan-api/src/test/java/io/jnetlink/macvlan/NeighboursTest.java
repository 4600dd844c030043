package io.jnetlink.macvlan;

import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.rtnl.Ifa;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.jnetlink.macvlan.NeighbourState.NOARP;
import static io.jnetlink.macvlan.NeighbourState.PERMANENT;
import static io.jnetlink.macvlan.NeighbourState.REACHABLE;
import static io.jnetlink.macvlan.NeighbourState.STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Neighbour entries ({@code ip neigh}) of both families, proxy entries and flags, each listing
 * cross-checked against what {@code ip -j neigh show} reports of the same namespace.
 */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class NeighboursTest {

    /** The keys of an entry in {@code ip -j neigh show}, in the order {@code ip} prints them. */
    private static final List<String> FLAG_KEYS = List.of("router", "proxy", "managed", "extern_valid",
            "extern_learn", "offload");
    private static final Pattern ENTRY = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern KEY = Pattern.compile("\"([a-z_]+)\":");

    @Test
    void ipv4EntriesInEachStateAreAddedReplacedGotListedAndDeleted(Topology t) {
        entriesInEachState(t, IpFamily.IPV4, "192.0.2.");
    }

    @Test
    void ipv6EntriesInEachStateAreAddedReplacedGotListedAndDeleted(Topology t) {
        entriesInEachState(t, IpFamily.IPV6, "2001:db8::");
    }

    /** Entries {@code <p>4..9} on mv0: the same story in either family. */
    private static void entriesInEachState(Topology t, IpFamily family, String p) {
        int mv0 = mv0(t);
        Neighbours neighbours = t.rt.neighbours();
        neighbours.add(Neighbour.of(p + "5", mac(5)).withDev("mv0"));
        neighbours.add(Neighbour.of(p + "6", mac(6)).withDev("mv0").withState(NOARP));
        neighbours.add(Neighbour.of(p + "7", mac(7)).withDev("mv0").withState(REACHABLE)
                .withFlag(NeighbourFlag.ROUTER));
        neighbours.add(Neighbour.of(p + "8", mac(8)).withIfindex(mv0).withState(STALE));
        neighbours.add(Neighbour.of(p + "4", null).withDev("mv0").withState()); // NUD_NONE needs no lladdr

        Neighbour five = neighbours.get("mv0", p + "5").orElseThrow();
        assertThat(five).hasToString(p + "5 dev mv0 lladdr 02:00:00:00:00:05 PERMANENT");
        assertThat(five.ifindex()).isEqualTo(mv0);
        assertThat(five.family()).isEqualTo(family);
        assertThat(five.lladdr()).isEqualTo(mac(5));
        assertThat(five.state()).containsExactly(PERMANENT);
        assertThat(five.flags()).isEmpty();
        assertThat(five.cacheInfo()).isNotNull();
        assertThat(five.cacheInfo().updated()).isLessThan(java.time.Duration.ofSeconds(60));
        assertThat(neighbours.get("mv0", p + "7").orElseThrow().flags()).containsExactly(NeighbourFlag.ROUTER);
        assertThat(neighbours.get("mv0", p + "99")).isEmpty();
        assertThat(neighbours.get("parent0", p + "5")).as("another link's cache").isEmpty();

        List<String> expected = List.of(p + "4 dev mv0", p + "5 dev mv0 lladdr 02:00:00:00:00:05 PERMANENT",
                p + "6 dev mv0 lladdr 02:00:00:00:00:06 NOARP",
                p + "7 dev mv0 lladdr 02:00:00:00:00:07 router REACHABLE",
                p + "8 dev mv0 lladdr 02:00:00:00:00:08 STALE");
        assertThat(ours(neighbours.list("mv0", family), p)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ours(neighbours.list(family), p)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ours(neighbours.list("parent0", family), p)).isEmpty();
        assertThat(neighbours.list(family == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4))
                .noneMatch(n -> n.toString().startsWith(p));
        String v = family == IpFamily.IPV4 ? "-4" : "-6";
        assertThat(ip(t, v, "neigh", "show", "nud", "all")).filteredOn(line -> line.startsWith(p))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Command.check("ip", "-n", t.name(), v, "neigh", "show", "nud", "all").lines().map(String::strip)
                .filter(line -> line.startsWith(p))).as("ip's own text").containsExactlyInAnyOrderElementsOf(expected);

        neighbours.replace(Neighbour.of(p + "5", mac(0x55)).withDev("mv0").withState(STALE));
        assertThat(neighbours.get("mv0", p + "5").orElseThrow())
                .hasToString(p + "5 dev mv0 lladdr 02:00:00:00:00:55 STALE");
        neighbours.replace(Neighbour.of(p + "9", mac(9)).withDev("mv0"));
        assertThat(ip(t, v, "neigh", "show", "nud", "all")).contains(p + "9 dev mv0 lladdr 02:00:00:00:00:09 PERMANENT",
                p + "5 dev mv0 lladdr 02:00:00:00:00:55 STALE");

        assertThatThrownBy(() -> neighbours.add(Neighbour.of(p + "6", mac(6)).withDev("mv0").withState(NOARP)))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EEXIST");
                    assertThat(e.operation()).startsWith("add neighbour " + p + "6 dev mv0 lladdr 02:00:00:00:00:06"
                            + " NOARP in network namespace ");
                });
        neighbours.delete(Neighbour.of(p + "6", null).withDev("mv0")); // found by destination and link alone
        assertThat(neighbours.get("mv0", p + "6")).isEmpty();
        assertThat(ip(t, v, "neigh", "show", "nud", "all")).noneMatch(line -> line.startsWith(p + "6 "));
        assertThatThrownBy(() -> neighbours.delete(Neighbour.of(p + "6", null).withDev("mv0")))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).startsWith("delete neighbour " + p + "6 dev mv0 in network namespace "
                            + t.name() + " failed: ENOENT");
                });
    }

    @Test
    void proxyEntriesAreATableOfTheirOwn(Topology t) {
        mv0(t);
        Neighbours neighbours = t.rt.neighbours();
        neighbours.add(Neighbour.proxy("192.0.2.9").withDev("mv0"));
        neighbours.add(Neighbour.proxy("2001:db8::9").withDev("mv0"));
        neighbours.add(Neighbour.proxy("203.0.113.9")); // on every link
        neighbours.add(Neighbour.proxy("198.51.100.9").withDev("parent0"));

        assertThat(neighbours.listProxies(IpFamily.IPV4)).extracting(Neighbour::toString)
                .containsExactlyInAnyOrder("192.0.2.9 dev mv0 proxy", "203.0.113.9 proxy",
                        "198.51.100.9 dev parent0 proxy")
                .containsExactlyInAnyOrderElementsOf(ip(t, "-4", "neigh", "show", "proxy"));
        assertThat(neighbours.listProxies("mv0", IpFamily.IPV4)).singleElement().satisfies(n -> {
            assertThat(n).hasToString("192.0.2.9 dev mv0 proxy");
            assertThat(n.isProxy()).isTrue();
            assertThat(n.state()).as("the kernel reports no state of a proxy entry").isEmpty();
        });
        assertThat(neighbours.listProxies("mv0", IpFamily.IPV6)).extracting(Neighbour::toString)
                .containsExactly("2001:db8::9 dev mv0 proxy")
                .containsExactlyInAnyOrderElementsOf(ip(t, "-6", "neigh", "show", "proxy"));
        assertThat(neighbours.list(IpFamily.IPV4)).as("the cache").noneMatch(Neighbour::isProxy);

        neighbours.delete(Neighbour.proxy("192.0.2.9").withDev("mv0"));
        neighbours.delete(Neighbour.proxy("203.0.113.9"));
        assertThat(neighbours.listProxies(IpFamily.IPV4)).extracting(Neighbour::toString)
                .containsExactly("198.51.100.9 dev parent0 proxy");
        assertThat(ip(t, "-4", "neigh", "show", "proxy")).containsExactly("198.51.100.9 dev parent0 proxy");
        assertThatThrownBy(() -> neighbours.delete(Neighbour.proxy("192.0.2.9").withDev("mv0")))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.operation()).startsWith("delete neighbour 192.0.2.9 dev mv0 proxy in network namespace");
                });
    }

    @Test
    void flagsAndExtendedFlagsRoundTripAndTheKernelsRefusalCarriesItsMessage(Topology t) {
        mv0(t);
        Neighbours neighbours = t.rt.neighbours();
        neighbours.add(Neighbour.of("192.0.2.20", mac(0x20)).withDev("mv0").withFlag(NeighbourFlag.EXT_LEARNED));
        neighbours.add(Neighbour.of("2001:db8::20", mac(0x20)).withDev("mv0").withState(STALE)
                .withFlag(NeighbourFlag.ROUTER).withFlag(NeighbourFlag.EXT_LEARNED));
        neighbours.add(Neighbour.of("192.0.2.21", null).withDev("mv0").withState().withFlag(NeighbourFlag.MANAGED));

        assertThat(neighbours.get("mv0", "192.0.2.20").orElseThrow().flags())
                .containsExactly(NeighbourFlag.EXT_LEARNED);
        assertThat(neighbours.get("mv0", "2001:db8::20").orElseThrow())
                .hasToString("2001:db8::20 dev mv0 lladdr 02:00:00:00:00:20 router extern_learn STALE");
        assertThat(neighbours.get("mv0", "192.0.2.21").orElseThrow().flags()).as("NDA_FLAGS_EXT")
                .containsExactly(NeighbourFlag.MANAGED);
        assertThat(ip(t, "-4", "neigh", "show", "nud", "all")).contains(
                "192.0.2.20 dev mv0 lladdr 02:00:00:00:00:20 extern_learn PERMANENT")
                .anyMatch(line -> line.startsWith("192.0.2.21 dev mv0") && line.contains(" managed"));
        assertThat(ip(t, "-6", "neigh", "show", "nud", "all"))
                .contains("2001:db8::20 dev mv0 lladdr 02:00:00:00:00:20 router extern_learn STALE");

        assertThatThrownBy(() -> neighbours.add(Neighbour.of("192.0.2.22", mac(0x22)).withDev("mv0")
                .withFlag(NeighbourFlag.MANAGED)))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.kernelMessage()).hasValue("Invalid NTF_* flag for permanent entry");
                    assertThat(e.getMessage()).startsWith("add neighbour 192.0.2.22 dev mv0 lladdr 02:00:00:00:00:22"
                            + " managed PERMANENT in network namespace ");
                });
        // lladdr is optional here, as it is to the kernel, which wants one for a new entry in a valid state
        assertThatThrownBy(() -> neighbours.add(Neighbour.of("192.0.2.23", null).withDev("mv0").withState(REACHABLE)))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.kernelMessage()).hasValue("No link layer address given");
                });
    }

    @Test
    void whatTheKernelTakesIsTakenHere(Topology t) {
        mv0(t);
        Neighbours neighbours = t.rt.neighbours();
        // two states at once (ip's nud takes one), a multicast lladdr, a state-less entry with none
        neighbours.add(Neighbour.of("192.0.2.30", MacAddress.parse("01:00:5e:00:00:30")).withDev("mv0")
                .withState(STALE, PERMANENT));
        neighbours.add(Neighbour.of("192.0.2.31", null).withDev("mv0").withState(NeighbourState.fromBits(0)));
        neighbours.replace(Neighbour.of("192.0.2.31", null).withDev("mv0").withState()); // no lladdr, no change

        Neighbour thirty = neighbours.get("mv0", "192.0.2.30").orElseThrow();
        assertThat(thirty.state()).containsExactly(STALE, PERMANENT);
        assertThat(thirty).hasToString("192.0.2.30 dev mv0 lladdr 01:00:5e:00:00:30 STALE PERMANENT");
        assertThat(ip(t, "-4", "neigh", "show", "nud", "all")).contains(thirty.toString(), "192.0.2.31 dev mv0");
        assertThat(Command.check("ip", "-n", t.name(), "-4", "neigh", "show", "nud", "all").lines().map(String::strip))
                .as("ip's own text").contains(thirty.toString(), "192.0.2.31 dev mv0");
        assertThat(NeighbourState.fromBits(0xff)).hasSize(8);
    }

    @Test
    void badInputIsRefusedBeforeTheKernelNamingTheField(Topology t) {
        mv0(t);
        Neighbours neighbours = t.rt.neighbours();
        assertThatThrownBy(() -> NeighbourState.fromBits(0x100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("neighbour state: 0x100 has bits no NUD_* state has (they are 0x01..0x80)");
        assertThatThrownBy(() -> Neighbour.of("192.0.2.300", null)).hasMessageStartingWith("neighbour destination:");
        assertThatThrownBy(() -> Neighbour.of("mv0.example", null)).hasMessageStartingWith("neighbour destination:");
        assertThatThrownBy(() -> Neighbour.of((InetAddress) null, null))
                .hasMessage("neighbour destination: must not be null");
        assertThatThrownBy(() -> Neighbour.of("192.0.2.5", null).withState((Collection<NeighbourState>) null))
                .hasMessage("neighbour state: must not be null (the empty set is NUD_NONE)");
        assertThatThrownBy(() -> Neighbour.of("192.0.2.5", null).withState(STALE, null))
                .hasMessage("neighbour state: must not contain null");
        assertThatThrownBy(() -> Neighbour.of("192.0.2.5", null).withFlag(null))
                .hasMessage("neighbour flags: must not contain null");
        assertThatThrownBy(() -> Neighbour.of("192.0.2.5", null).withDev("mv/0"))
                .hasMessageStartingWith("neighbour dev:");
        assertThatThrownBy(() -> Neighbour.of("192.0.2.5", null).withIfindex(-1))
                .hasMessage("neighbour ifindex: must not be negative, got -1");
        assertThatThrownBy(() -> new Neighbour(InetAddress.ofLiteral("192.0.2.5"), null, 0, null, Set.of(), null, 0,
                null)).hasMessage("neighbour flags: must not be null (the empty set is none)");
        assertThatThrownBy(() -> neighbours.add(Neighbour.of("192.0.2.5", mac(5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("neighbour dev: add neighbour"
                        + " 192.0.2.5 lladdr 02:00:00:00:00:05 PERMANENT: an entry that is not a proxy entry is on a link");
        assertThatThrownBy(() -> neighbours.get("mv0", (InetAddress) null))
                .hasMessage("neighbour destination: must not be null");
        assertThatThrownBy(() -> neighbours.get("", "192.0.2.5")).hasMessageStartingWith("neighbour dev:");
        assertThatThrownBy(() -> neighbours.list("mv0", null)).hasMessage("neighbour family: must not be null");
        assertThatThrownBy(() -> t.rt.subscribe(Set.of(), event -> { }))
                .hasMessageStartingWith("subscribe kinds: name at least one EventKind");
        assertThatThrownBy(() -> neighbours.add(Neighbour.of("192.0.2.5", mac(5)).withDev("nosuch0")))
                .isInstanceOf(LinkNotFoundException.class).hasMessageStartingWith(
                        "add neighbour 192.0.2.5 dev nosuch0 lladdr 02:00:00:00:00:05 PERMANENT: no link named \"nosuch0\"");
        assertThat(ip(t, "neigh", "show", "nud", "all")).as("nothing reached the kernel")
                .noneMatch(line -> line.startsWith("192.0.2.5 "));
    }

    /**
     * {@code mv0}, a macvlan on {@code parent0}, up, with an address of each family (so entries are
     * unicast), whose REACHABLE entries stay so for an hour (not 15 to 45 s: a busy machine may take
     * that long between adding an entry and reading it back).
     */
    private static int mv0(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        for (String family : List.of("ipv4", "ipv6")) {
            Command.check("ip", "netns", "exec", t.name(), "sysctl", "-qw",
                    "net." + family + ".neigh.mv0.base_reachable_time_ms=3600000");
        }
        t.links().setUp("mv0");
        t.rt.addresses().add("mv0", Address.parse("192.0.2.1/24"));
        t.rt.addresses().add("mv0", Address.parse("2001:db8::1/64").withFlags(Ifa.IFA_F_NODAD));
        return t.links().require("mv0").index();
    }

    private static MacAddress mac(int last) {
        return new MacAddress(0x02_00_00_00_00_00L | last);
    }

    /** Our entries whose destination starts with {@code prefix}, as lines. */
    private static List<String> ours(List<Neighbour> neighbours, String prefix) {
        return neighbours.stream().map(Neighbour::toString).filter(line -> line.startsWith(prefix)).toList();
    }

    /**
     * {@code ip -j -n <ns> <args>}'s entries, each written as the line {@code ip neigh show} prints
     * (destination, dev, lladdr, flags in ip's order, states); a key this does not know fails.
     */
    private static List<String> ip(Topology t, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-j", "-n", t.name()));
        command.addAll(List.of(args));
        String json = Command.check(command.toArray(String[]::new));
        List<String> lines = new ArrayList<>();
        Matcher entry = ENTRY.matcher(json);
        while (entry.find()) {
            String e = entry.group(1);
            Matcher key = KEY.matcher(e);
            while (key.find()) {
                assertThat(key.group(1)).as("a key of %s", e).isIn(Stream.concat(Stream.of("dst", "dev", "lladdr",
                        "state"), FLAG_KEYS.stream()).toList());
            }
            StringBuilder line = new StringBuilder(string(e, "dst"));
            if (string(e, "dev") != null) {
                line.append(" dev ").append(string(e, "dev"));
            }
            if (string(e, "lladdr") != null) {
                line.append(" lladdr ").append(string(e, "lladdr"));
            }
            for (String flag : FLAG_KEYS) {
                if (e.contains("\"" + flag + "\":null")) {
                    line.append(' ').append(flag);
                }
            }
            Matcher state = Pattern.compile("\"state\":\\[([^]]*)]").matcher(e);
            if (state.find()) {
                for (String s : state.group(1).split(",")) {
                    line.append(' ').append(s.replace("\"", ""));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String string(String entry, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(entry);
        return m.find() ? m.group(1) : null;
    }
}
