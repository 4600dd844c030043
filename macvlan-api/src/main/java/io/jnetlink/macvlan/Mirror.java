package io.jnetlink.macvlan;

import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link Watch}'s copy of a namespace's objects, each under its identity (a link by index; an
 * address by link, address and prefix length; a route and a rule by their whole value; a
 * neighbour by link and destination), and the events that take it, and a listener's copy, from
 * one state to the next: an object put is {@code NEW} if its identity is new, {@code CHANGED} if
 * it differs from the one it replaces, nothing if it does not; one removed is {@code DELETED}, or
 * nothing if it was not there. Links are always kept (what becomes of them tells which routes and
 * rules the kernel changed without saying), but their events are passed on only if watched.
 * Used on the watch's reader thread only.
 */
final class Mirror {

    /** An address's identity: the kernel tells addresses apart by link, address and prefix length. */
    private record AddressKey(int index, InetAddress address, int prefixLength) {
    }

    /** A neighbour entry's identity: the kernel keys its cache by link and destination. */
    private record NeighbourKey(int ifindex, InetAddress destination) {
    }

    /** What the kernel replaces a route by ({@code NLM_F_REPLACE}); tos and IPv6 source are not in {@link Route}. */
    private record RouteSlot(IpFamily family, long table, Prefix destination, long metric) {
        static RouteSlot of(Route r) {
            return new RouteSlot(r.destination().family(), r.table(), r.destination(), r.metric());
        }
    }

    /**
     * What a watch lists of a namespace, null for a kind not listed.
     *
     * @param links      every link
     * @param addresses  every address, both families
     * @param routes     every route of every table, both families, links by index
     * @param rules      every rule, both families
     * @param neighbours every cache entry (not proxy entries), both families, links by index
     */
    record Listing(List<Link> links, List<Address> addresses, List<Route> routes, List<Rule> rules,
                   List<Neighbour> neighbours) {

        /** Lists {@code kinds} through {@code rt}. */
        static Listing of(RtNetlink rt, Set<EventKind> kinds) {
            return new Listing(
                    kinds.contains(EventKind.LINKS) ? rt.links().list() : null,
                    kinds.contains(EventKind.ADDRESSES) ? rt.addresses().list() : null,
                    kinds.contains(EventKind.ROUTES) ? both(rt.routes()::listAllByIndex) : null,
                    kinds.contains(EventKind.RULES) ? rt.rules().list() : null,
                    kinds.contains(EventKind.NEIGHBOURS) ? both(rt.neighbours()::listByIndex) : null);
        }

        private static <T> List<T> both(Function<IpFamily, List<T>> list) {
            List<T> all = new ArrayList<>(list.apply(IpFamily.IPV4));
            all.addAll(list.apply(IpFamily.IPV6));
            return all;
        }
    }

    private final Set<EventKind> watched;
    private final Table<Link> links = new Table<>(EventKind.LINKS, Link::index, Mirror::withoutStats,
            NetEvent.LinkEvent::new);
    private final Table<Address> addresses = new Table<>(EventKind.ADDRESSES,
            a -> new AddressKey(a.index(), a.address(), a.prefixLength()), Mirror::withoutCountdowns,
            NetEvent.AddressEvent::new);
    private final Table<Route> routes = new Table<>(EventKind.ROUTES, r -> r, r -> r, NetEvent.RouteEvent::new);
    private final Table<Rule> rules = new Table<>(EventKind.RULES, r -> r, r -> r, NetEvent.RuleEvent::new);
    private final Table<Neighbour> neighbours = new Table<>(EventKind.NEIGHBOURS,
            n -> new NeighbourKey(n.ifindex(), n.destination()), Mirror::withoutCountdowns,
            NetEvent.NeighbourEvent::new);

    /** @param watched the kinds whose events are passed on (and, links aside, the only ones kept) */
    Mirror(Set<EventKind> watched) {
        this.watched = EnumSet.copyOf(watched);
    }

    /** What to list: the watched kinds and links. */
    Set<EventKind> listed() {
        EnumSet<EventKind> kinds = EnumSet.copyOf(watched);
        kinds.add(EventKind.LINKS);
        return kinds;
    }

    /**
     * The kinds to list again before {@code event} is applied, because the kernel changed them
     * without an event of their own: the IPv4 routes through a link that went down or away
     * (the kernel flushes them silently), the rules naming a link that came, went or was renamed
     * (they are attached or detached silently), the routes a replaced route displaced when more
     * than one could have been.
     */
    Set<EventKind> stale(NetEvent event) {
        Set<EventKind> stale = EnumSet.noneOf(EventKind.class);
        if (event instanceof NetEvent.LinkEvent e) {
            Link now = e.link();
            Link before = links.get(now.index());
            boolean deleted = e.change() == NetEvent.Change.DELETED;
            if (watched.contains(EventKind.ROUTES) && (deleted || before != null && before.isUp() && !now.isUp())
                    && routes.anyMatch(r -> r.oif() == now.index())) {
                stale.add(EventKind.ROUTES);
            }
            Set<String> names = new HashSet<>();
            names.add(now.name());
            if (before != null) {
                names.add(before.name());
            }
            if (watched.contains(EventKind.RULES) && (deleted || before == null || names.size() > 1)
                    && rules.anyMatch(r -> names.contains(r.iif()) || names.contains(r.oif()))) {
                stale.add(EventKind.RULES);
            }
        } else if (event instanceof NetEvent.RouteEvent e && e.change() == NetEvent.Change.CHANGED
                && routes.get(e.route()) == null && displaced(e.route()).size() > 1) {
            stale.add(EventKind.ROUTES);
        }
        return stale;
    }

    /** Applies an event the kernel sent; passes on the events that change the copy. */
    void apply(NetEvent event, Consumer<NetEvent> out) {
        switch (event) {
            case NetEvent.LinkEvent e -> change(links, e.change(), e.link(), out);
            case NetEvent.AddressEvent e -> change(addresses, e.change(), e.address(), out);
            case NetEvent.RouteEvent e -> {
                if (e.change() == NetEvent.Change.CHANGED && routes.get(e.route()) == null) {
                    List<Route> displaced = displaced(e.route()); // if it is here, it was listed since
                    if (displaced.size() == 1) { // the one the kernel replaced; when more could be, they were listed
                        change(routes, NetEvent.Change.DELETED, displaced.getFirst(), out);
                    }
                }
                change(routes, e.change(), e.route(), out);
            }
            case NetEvent.RuleEvent e -> change(rules, e.change(), e.rule(), out);
            case NetEvent.NeighbourEvent e -> change(neighbours,
                    announced(e.neighbour()) ? e.change() : NetEvent.Change.DELETED, e.neighbour(), out);
            case NetEvent.Overflow o -> { }
            case NetEvent.Synced s -> { }
        }
    }

    /**
     * Replaces the kinds {@code listing} has with what it lists; passes on the differences: links
     * that appeared or changed first, then each other kind's removals and additions, then the
     * links that went away, so an object's link is known to the listener while it is.
     */
    void replace(Listing listing, Consumer<NetEvent> out) {
        List<NetEvent> goneLinks = List.of();
        if (listing.links() != null) {
            goneLinks = links.removeAllBut(listing.links());
            pass(links.putAll(listing.links()), out);
        }
        if (listing.addresses() != null) {
            replace(addresses, listing.addresses(), out);
        }
        if (listing.routes() != null) {
            replace(routes, listing.routes(), out);
        }
        if (listing.rules() != null) {
            replace(rules, listing.rules(), out);
        }
        if (listing.neighbours() != null) {
            replace(neighbours, listing.neighbours().stream().filter(Mirror::announced).toList(), out);
        }
        pass(goneLinks, out);
    }

    private <V> void replace(Table<V> table, List<V> listed, Consumer<NetEvent> out) {
        pass(table.removeAllBut(listed), out);
        pass(table.putAll(listed), out);
    }

    private <V> void change(Table<V> table, NetEvent.Change change, V object, Consumer<NetEvent> out) {
        if (table.kind != EventKind.LINKS && !watched.contains(table.kind)) {
            return;
        }
        NetEvent event = change == NetEvent.Change.DELETED ? table.remove(object) : table.put(object);
        if (event != null && watched.contains(table.kind)) {
            out.accept(event);
        }
    }

    private void pass(List<NetEvent> events, Consumer<NetEvent> out) {
        for (NetEvent event : events) {
            if (watched.contains(kindOf(event))) {
                out.accept(event);
            }
        }
    }

    private static EventKind kindOf(NetEvent event) {
        return switch (event) {
            case NetEvent.LinkEvent e -> EventKind.LINKS;
            case NetEvent.AddressEvent e -> EventKind.ADDRESSES;
            case NetEvent.RouteEvent e -> EventKind.ROUTES;
            case NetEvent.RuleEvent e -> EventKind.RULES;
            case NetEvent.NeighbourEvent e -> EventKind.NEIGHBOURS;
            case NetEvent.Overflow o -> throw new IllegalArgumentException("not an object's event: " + o);
            case NetEvent.Synced s -> throw new IllegalArgumentException("not an object's event: " + s);
        };
    }

    /** The routes in the copy that a replacement by {@code route} takes the place of. */
    private List<Route> displaced(Route route) {
        RouteSlot slot = RouteSlot.of(route);
        return routes.matching(r -> !r.equals(route) && RouteSlot.of(r).equals(slot));
    }

    /**
     * Whether the kernel announces the entry: not a proxy entry, not a {@code NOARP} one (made for
     * multicast and broadcast destinations as they are used, silently). Those are left out.
     */
    static boolean announced(Neighbour n) {
        return !n.isProxy() && !n.state().contains(NeighbourState.NOARP);
    }

    /** A link as compared: its counters change without events. */
    private static Link withoutStats(Link l) {
        return l.stats() == null ? l : new Link(l.index(), l.name(), l.kind(), l.mac(), l.mtu(), l.minMtu(),
                l.maxMtu(), l.flags(), l.operState(), l.parentIndex(), l.linkNetnsId(), l.masterIndex(), l.alias(),
                l.group(), l.info(), l.port(), null);
    }

    /** An address as compared: a finite lifetime is reported as what is left of it, which runs down. */
    private static Address withoutCountdowns(Address a) {
        return new Address(a.address(), a.prefixLength(), a.broadcast(), a.scope(), a.flags(), a.label(),
                finite(a.validLifetime()), finite(a.preferredLifetime()), a.index());
    }

    private static long finite(long lifetime) {
        return lifetime == Address.FOREVER ? Address.FOREVER : 0;
    }

    /** A neighbour as compared: its probes and times since use run on without events. */
    private static Neighbour withoutCountdowns(Neighbour n) {
        return new Neighbour(n.destination(), n.lladdr(), n.ifindex(), null, n.state(), n.flags(), 0, null);
    }

    /** The objects of one kind by identity, and the event each change makes (null for none). */
    private static final class Table<V> {
        final EventKind kind;
        private final Map<Object, V> objects = new HashMap<>();
        private final Function<V, Object> identity;
        private final UnaryOperator<V> compared;
        private final BiFunction<NetEvent.Change, V, NetEvent> event;

        Table(EventKind kind, Function<V, Object> identity, UnaryOperator<V> compared,
              BiFunction<NetEvent.Change, V, NetEvent> event) {
            this.kind = kind;
            this.identity = identity;
            this.compared = compared;
            this.event = event;
        }

        V get(Object key) {
            return objects.get(key);
        }

        NetEvent put(V object) {
            V before = objects.put(identity.apply(object), object);
            if (before == null) {
                return event.apply(NetEvent.Change.NEW, object);
            }
            return Objects.equals(compared.apply(before), compared.apply(object)) ? null
                    : event.apply(NetEvent.Change.CHANGED, object);
        }

        NetEvent remove(V object) {
            V before = objects.remove(identity.apply(object));
            return before == null ? null : event.apply(NetEvent.Change.DELETED, object);
        }

        List<NetEvent> putAll(Collection<V> listed) {
            List<NetEvent> events = new ArrayList<>();
            for (V object : listed) {
                NetEvent e = put(object);
                if (e != null) {
                    events.add(e);
                }
            }
            return events;
        }

        /** Removes what {@code listed} does not have. */
        List<NetEvent> removeAllBut(Collection<V> listed) {
            Set<Object> kept = new HashSet<>();
            listed.forEach(object -> kept.add(identity.apply(object)));
            List<NetEvent> events = new ArrayList<>();
            objects.entrySet().removeIf(entry -> {
                if (kept.contains(entry.getKey())) {
                    return false;
                }
                events.add(event.apply(NetEvent.Change.DELETED, entry.getValue()));
                return true;
            });
            return events;
        }

        boolean anyMatch(Predicate<V> wanted) {
            return objects.values().stream().anyMatch(wanted);
        }

        List<V> matching(Predicate<V> wanted) {
            return objects.values().stream().filter(wanted).toList();
        }
    }
}
