package io.jnetlink.macvlan;

import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.OwnResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * List-then-watch: a listener that keeps what it is given, by the identities {@link Watch} names,
 * holds what a fresh listing holds, after the initial listing, after changes, after changes the
 * kernel makes without an event, and after a storm its queue could not hold.
 */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class WatchTest {

    private static final Set<EventKind> ALL = EnumSet.allOf(EventKind.class);

    @Test
    void theListingComesFirstThenTheChangesAndTheListenersCopyEqualsAFreshListing(Topology t) throws Exception {
        t.rt.addresses().add("parent0", Address.parse("198.51.100.1/24"));
        t.rt.routes().add(Route.to("203.0.113.0/24").withGateway("198.51.100.254").withDev("parent0"));
        Rule rule = Rule.from("192.0.2.10/32").lookup(100).withPriority(100);
        t.rt.rules().add(rule);
        t.rt.neighbours().add(Neighbour.of("198.51.100.7", MacAddress.parse("02:00:5e:00:53:07")).withDev("parent0"));
        int parent = t.links().require("parent0").index();

        Copy copy = new Copy();
        try (Watch watch = t.rt.watch(ALL, copy)) {
            copy.awaitSynced(watch, 0);
            List<NetEvent> listed = copy.eventsUntilSynced();
            assertThat(listed).as("the initial listing: only NEW events").allSatisfy(e -> assertThat(change(e))
                    .isEqualTo(NetEvent.Change.NEW));
            assertThat(listed).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(NetEvent.LinkEvent.class,
                    l -> assertThat(l.link().name()).isEqualTo("parent0")));
            assertThat(listed).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(NetEvent.AddressEvent.class,
                    a -> assertThat(a.address()).hasToString("198.51.100.1/24")));
            assertThat(listed).contains(new NetEvent.RuleEvent(NetEvent.Change.NEW, rule));
            assertThat(listed).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(NetEvent.RouteEvent.class,
                    r -> assertThat(r.route()).hasToString("203.0.113.0/24 via 198.51.100.254 dev if" + parent)));
            assertThat(listed).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(NetEvent.NeighbourEvent.class,
                    n -> assertThat(n.neighbour().destination().getHostAddress()).isEqualTo("198.51.100.7")));
            copy.awaitEqualTo(watch, t.rt, ALL);

            t.links().create(Macvlan.of("mv0", "parent0"));
            t.links().setUp("mv0");
            t.rt.addresses().add("mv0", Address.parse("192.0.2.10/24"));
            t.rt.addresses().add("mv0", Address.parse("2001:db8::10/64").withFlags(AddressFlag.NODAD));
            t.rt.routes().add(Route.to("198.51.100.128/25").withDev("mv0").withTable(7));
            t.rt.rules().add(Rule.from("192.0.2.11/32").lookup(7).withPriority(101));
            t.rt.rules().delete(rule);
            t.rt.neighbours().add(Neighbour.of("192.0.2.8", MacAddress.parse("02:00:5e:00:53:08")).withDev("mv0"));
            t.rt.neighbours().delete(Neighbour.of("198.51.100.7", null).withDev("parent0"));
            t.links().setMtu("mv0", 1400);

            copy.awaitEqualTo(watch, t.rt, ALL);
            assertThat(copy.links.values()).anySatisfy(l -> assertThat(l.name()).isEqualTo("mv0"));
            assertThat(copy.rules).doesNotContain(rule);
            assertThat(copy.anomalies).as("NEW only for what is new, CHANGED and DELETED only for what is there")
                    .isEmpty();
            assertThat(watch.failure()).isNull();
            assertThat(watch.isOpen()).isTrue();
        }
    }

    @Test
    void routesTheKernelReplacesOrFlushesSilentlyAreDeliveredAsDeleted(Topology t) throws Exception {
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().setUp("mv0");
        t.rt.addresses().add("mv0", Address.parse("198.51.100.1/24"));
        Route route = Route.to("203.0.113.0/24").withGateway("198.51.100.254").withDev("mv0");
        t.rt.routes().add(route);
        t.rt.routes().add(Route.to("192.0.2.0/24").withDev("mv0").withTable(7));
        Copy copy = new Copy();
        Set<EventKind> kinds = EnumSet.of(EventKind.ROUTES);
        try (Watch watch = t.rt.watch(kinds, copy)) {
            copy.awaitSynced(watch, 0);

            t.rt.routes().replace(route.withGateway("198.51.100.253"));
            copy.awaitEqualTo(watch, t.rt, kinds);
            assertThat(copy.events).as("a replaced route: the old one deleted, the new one new")
                    .noneMatch(e -> change(e) == NetEvent.Change.CHANGED)
                    .anySatisfy(e -> assertRoute(e, NetEvent.Change.DELETED, "203.0.113.0/24", "198.51.100.254"))
                    .anySatisfy(e -> assertRoute(e, NetEvent.Change.NEW, "203.0.113.0/24", "198.51.100.253"));

            t.links().setDown("mv0"); // the kernel drops mv0's IPv4 routes without a word
            copy.awaitEqualTo(watch, t.rt, kinds);
            assertThat(copy.routes).noneMatch(r -> r.destination().toString().equals("192.0.2.0/24"));
            assertThat(copy.events).anySatisfy(e -> assertRoute(e, NetEvent.Change.DELETED, "192.0.2.0/24", null));
            assertThat(copy.events).as("only routes are watched").allMatch(e -> e instanceof NetEvent.RouteEvent
                    || e instanceof NetEvent.Synced);
            assertThat(copy.anomalies).isEmpty();
            assertThat(watch.failure()).isNull();
        }
    }

    @Test
    void aRuleNamingALinkThatGoesAwayIsDeliveredDetached(Topology t) throws Exception {
        t.links().create(Macvlan.of("mv0", "parent0"));
        Rule rule = Rule.all(IpFamily.IPV4).withIif("mv0").lookup(7).withPriority(100);
        t.rt.rules().add(rule);
        Copy copy = new Copy();
        Set<EventKind> kinds = EnumSet.of(EventKind.RULES);
        try (Watch watch = t.rt.watch(kinds, copy)) {
            copy.awaitSynced(watch, 0);
            assertThat(copy.rules).contains(rule);

            t.links().delete("mv0"); // the kernel detaches the rule without a word
            copy.awaitEqualTo(watch, t.rt, kinds);
            assertThat(copy.rules).anySatisfy(r -> assertThat(r).hasToString("100: from all iif mv0 [detached] lookup 7"));
            t.links().create(Macvlan.of("mv0", "parent0")); // and attaches it again
            copy.awaitEqualTo(watch, t.rt, kinds);
            assertThat(copy.rules).contains(rule);
            assertThat(copy.anomalies).isEmpty();
            assertThat(watch.failure()).isNull();
        }
    }

    @Test
    void aSlowListenerThroughAnEventStormEndsWithACopyEqualToAFreshListing(Topology t) throws Exception {
        OwnResources before = OwnResources.now();
        int count = 1_500;
        Set<EventKind> kinds = EnumSet.of(EventKind.LINKS, EventKind.ADDRESSES);
        Copy copy = new Copy();
        Consumer<NetEvent> slow = event -> {
            copy.accept(event);
            if (!(event instanceof NetEvent.Synced)) {
                sleepQuietly(); // a millisecond per object: the kernel's 16 KiB queue overflows
            }
        };
        Watch watch = new Watch(t.rt, kinds, slow, 16 * 1024);
        try {
            copy.awaitSynced(watch, 0);
            List<String> names = IntStream.range(0, count).mapToObj(i -> "storm" + i).toList();
            assertThat(t.rt.bulk().createAll(names.stream().map(n -> Macvlan.of(n, "parent0")).toList())
                    .allSucceeded()).isTrue();
            Map<String, Link> made = new HashMap<>();
            t.links().list().forEach(l -> made.put(l.name(), l));
            for (int from = 0; from < 250; from += 50) { // an address on each of the first 250
                Batch batch = t.rt.batch();
                for (int i = from; i < from + 50; i++) {
                    batch.addAddress(made.get(names.get(i)), Address.parse("198.51.100." + (i + 1) + "/32"));
                }
                batch.execute();
            }
            List<String> doomed = names.stream().filter(n -> Integer.parseInt(n.substring(5)) % 3 != 0).toList();
            assertThat(t.rt.bulk().deleteAll(doomed).allSucceeded()).isTrue();

            copy.awaitEqualTo(watch, t.rt, kinds);
            assertThat(copy.links.values()).extracting(Link::name).hasSize(count - doomed.size() + 3) // lo, parent0, peer0
                    .contains("storm0", "storm3").doesNotContain("storm1");
            assertThat(copy.addresses.values()).extracting(Address::toString).contains("198.51.100.1/32")
                    .doesNotContain("198.51.100.2/32");
            assertThat(copy.resyncs()).as("re-listings after an overflow").isPositive();
            assertThat(copy.anomalies).isEmpty();
            assertThat(watch.failure()).isNull();
            assertThat(watch.isOpen()).isTrue();
            System.out.printf("storm: %d links made, %d deleted, %d events delivered, %d re-listings%n",
                    count, doomed.size(), copy.events.size(), copy.resyncs());
        } finally {
            watch.close();
        }
        assertThat(OwnResources.now()).as("no reader thread, neither socket").isEqualTo(before);
    }

    @Test
    void closingFreesBothSocketsAndTheThreadAndAListenerThatThrowsStopsTheWatch(Topology t) throws Exception {
        OwnResources before = OwnResources.now();
        Watch watch = t.rt.watch(EnumSet.of(EventKind.LINKS), event -> { });
        OwnResources its = OwnResources.now().since(before);
        assertThat(its.netlinkSockets()).as("one socket for events, one for listing").hasSize(2);
        assertThat(its.threads()).hasSize(1);
        watch.close();
        watch.close();
        assertThat(watch.isOpen()).isFalse();
        assertThat(OwnResources.now()).isEqualTo(before);

        IllegalStateException boom = new IllegalStateException("listener refuses");
        Watch throwing = t.rt.watch(EnumSet.of(EventKind.LINKS), event -> {
            throw boom;
        });
        assertThat(OwnResources.settledAt(before)).as("stopped at the first event of the listing").isEqualTo(before);
        assertThat(throwing.failure()).isSameAs(boom);
        assertThat(throwing.isOpen()).isFalse();
        throwing.close();

        AtomicReference<Watch> self = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        Queue<NetEvent> seen = new ConcurrentLinkedQueue<>();
        self.set(t.rt.watch(ALL, event -> {
            seen.add(event);
            while (self.get() == null) {
                Thread.onSpinWait(); // the listing may start before watch() returns
            }
            self.get().close();
            closed.countDown();
        }));
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("close() returned inside the listener").isTrue();
        assertThat(OwnResources.settledAt(before)).isEqualTo(before);
        assertThat(seen).as("nothing after close").hasSize(1);
        assertThat(self.get().failure()).isNull();
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsOpened(Topology t) {
        assertThatThrownBy(() -> t.rt.watch(Set.of(), e -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("watch kinds");
        assertThatThrownBy(() -> t.rt.watch(null, e -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("watch kinds");
        Set<EventKind> withNull = new HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> t.rt.watch(withNull, e -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("watch kinds: must not contain null");
        assertThatThrownBy(() -> t.rt.watch(ALL, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("watch listener: must not be null");
    }

    private static NetEvent.Change change(NetEvent e) {
        return switch (e) {
            case NetEvent.LinkEvent l -> l.change();
            case NetEvent.AddressEvent a -> a.change();
            case NetEvent.RouteEvent r -> r.change();
            case NetEvent.RuleEvent r -> r.change();
            case NetEvent.NeighbourEvent n -> n.change();
            case NetEvent.Overflow o -> null;
            case NetEvent.Synced s -> null;
        };
    }

    private static void assertRoute(NetEvent e, NetEvent.Change change, String destination, String gateway) {
        assertThat(e).isInstanceOfSatisfying(NetEvent.RouteEvent.class, r -> {
            assertThat(r.change()).isEqualTo(change);
            assertThat(r.route().destination()).hasToString(destination);
            assertThat(r.route().gateway() == null ? null : r.route().gateway().getHostAddress()).isEqualTo(gateway);
        });
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A listener's copy, kept by the identities {@link Watch} names, built only from the events;
     * an event that breaks the rules (NEW for what is there, CHANGED or DELETED for what is not,
     * an Overflow) is an anomaly.
     */
    static final class Copy implements Consumer<NetEvent> {
        final Map<Integer, Link> links = new ConcurrentHashMap<>();
        final Map<List<Object>, Address> addresses = new ConcurrentHashMap<>();
        final Set<Route> routes = ConcurrentHashMap.newKeySet();
        final Set<Rule> rules = ConcurrentHashMap.newKeySet();
        final Map<List<Object>, Neighbour> neighbours = new ConcurrentHashMap<>();
        final Queue<NetEvent> events = new ConcurrentLinkedQueue<>();
        final Queue<String> anomalies = new ConcurrentLinkedQueue<>();
        private volatile long lastSynced = -1;

        @Override
        public void accept(NetEvent event) {
            events.add(event);
            switch (event) {
                case NetEvent.LinkEvent e -> keep(links, e.link().index(), e.change(), e.link(), e);
                case NetEvent.AddressEvent e -> keep(addresses, addressKey(e.address()), e.change(), e.address(), e);
                case NetEvent.RouteEvent e -> keep(routes, e.change(), e.route(), e);
                case NetEvent.RuleEvent e -> keep(rules, e.change(), e.rule(), e);
                case NetEvent.NeighbourEvent e -> keep(neighbours, neighbourKey(e.neighbour()), e.change(),
                        e.neighbour(), e);
                case NetEvent.Overflow o -> anomalies.add("an Overflow reached the listener");
                case NetEvent.Synced s -> lastSynced = s.resyncs();
            }
        }

        long resyncs() {
            return lastSynced;
        }

        private <K, V> void keep(Map<K, V> map, K key, NetEvent.Change change, V value, NetEvent e) {
            boolean there = map.containsKey(key);
            if (there != (change != NetEvent.Change.NEW)) {
                anomalies.add(e.toString());
            }
            if (change == NetEvent.Change.DELETED) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        private <V> void keep(Set<V> set, NetEvent.Change change, V value, NetEvent e) {
            boolean there = set.contains(value);
            if (there != (change == NetEvent.Change.DELETED)) { // whole-value identity: never CHANGED
                anomalies.add(e.toString());
            }
            if (change == NetEvent.Change.DELETED) {
                set.remove(value);
            } else {
                set.add(value);
            }
        }

        void awaitSynced(Watch watch, long resyncs) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lastSynced < resyncs) {
                requireRunning(watch);
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no Synced(" + resyncs + ") within 30 s");
                }
                Thread.sleep(10);
            }
        }

        private static void requireRunning(Watch watch) {
            if (watch.failure() != null) {
                throw new AssertionError("the watch stopped: " + watch.failure(), watch.failure());
            }
        }

        /** The events up to the first {@link NetEvent.Synced}, without it. */
        List<NetEvent> eventsUntilSynced() {
            List<NetEvent> before = new ArrayList<>();
            for (NetEvent e : events) {
                if (e instanceof NetEvent.Synced) {
                    return before;
                }
                before.add(e);
            }
            throw new AssertionError("no Synced yet");
        }

        /** Waits until this copy of {@code kinds} equals a fresh listing (2 minutes at most). */
        void awaitEqualTo(Watch watch, RtNetlink rt, Set<EventKind> kinds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (true) {
                requireRunning(watch);
                View mine = View.of(this, kinds);
                View kernels = View.list(rt, kinds);
                if (mine.equals(kernels)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    assertThat(mine).as("the listener's copy, against a fresh listing").isEqualTo(kernels);
                }
                Thread.sleep(50);
            }
        }
    }

    /** What is compared: values without what runs on by itself (counters, cache times). */
    record View(Map<Integer, Link> links, Map<List<Object>, Address> addresses, Set<Route> routes, Set<Rule> rules,
                Map<List<Object>, Neighbour> neighbours) {

        static View of(Copy copy, Set<EventKind> kinds) {
            return new View(
                    kinds.contains(EventKind.LINKS) ? links(copy.links.values()) : Map.of(),
                    kinds.contains(EventKind.ADDRESSES) ? Map.copyOf(copy.addresses) : Map.of(),
                    kinds.contains(EventKind.ROUTES) ? Set.copyOf(copy.routes) : Set.of(),
                    kinds.contains(EventKind.RULES) ? Set.copyOf(copy.rules) : Set.of(),
                    kinds.contains(EventKind.NEIGHBOURS) ? neighbours(copy.neighbours.values()) : Map.of());
        }

        static View list(RtNetlink rt, Set<EventKind> kinds) {
            Map<List<Object>, Address> addresses = new HashMap<>();
            Set<Route> routes = new HashSet<>();
            List<Neighbour> neighbours = new ArrayList<>();
            if (kinds.contains(EventKind.ADDRESSES)) {
                rt.addresses().list().forEach(a -> addresses.put(addressKey(a), a));
            }
            for (IpFamily family : IpFamily.values()) {
                if (kinds.contains(EventKind.ROUTES)) {
                    rt.routes().listAll(family).forEach(r -> routes.add(new Route(r.destination(), r.gateway(),
                            r.oif(), r.metric(), r.table(), r.scope(), r.protocol(), r.type(), r.preferredSource(),
                            r.onlink(), null)));
                }
                if (kinds.contains(EventKind.NEIGHBOURS)) {
                    rt.neighbours().list(family).stream() // NOARP entries come without events: not watched
                            .filter(n -> !n.state().contains(NeighbourState.NOARP)).forEach(neighbours::add);
                }
            }
            return new View(kinds.contains(EventKind.LINKS) ? links(rt.links().list()) : Map.of(), addresses,
                    routes, kinds.contains(EventKind.RULES) ? Set.copyOf(rt.rules().list()) : Set.of(),
                    neighbours(neighbours));
        }

        private static Map<Integer, Link> links(Iterable<Link> links) {
            Map<Integer, Link> byIndex = new HashMap<>();
            for (Link l : links) {
                byIndex.put(l.index(), new Link(l.index(), l.name(), l.kind(), l.mac(), l.mtu(), l.minMtu(),
                        l.maxMtu(), l.flags(), l.operState(), l.parentIndex(), l.linkNetnsId(), l.masterIndex(),
                        l.alias(), l.group(), l.info(), l.port(), null));
            }
            return byIndex;
        }

        private static Map<List<Object>, Neighbour> neighbours(Iterable<Neighbour> neighbours) {
            Map<List<Object>, Neighbour> byKey = new HashMap<>();
            for (Neighbour n : neighbours) {
                byKey.put(neighbourKey(n), new Neighbour(n.destination(), n.lladdr(), n.ifindex(), null, n.state(),
                        n.flags(), 0, null));
            }
            return byKey;
        }
    }

    private static List<Object> addressKey(Address a) {
        return List.of(a.index(), a.address(), a.prefixLength());
    }

    private static List<Object> neighbourKey(Neighbour n) {
        return List.<Object>of(n.ifindex(), n.destination());
    }
}
