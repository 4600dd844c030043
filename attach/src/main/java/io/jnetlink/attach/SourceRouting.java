package io.jnetlink.attach;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.core.rtnl.Rtnetlink;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Route;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Rule;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Source-based routing for a multi-homed namespace, as the CNI {@code sbr} plugin sets it up: for
 * each address of an interface, a table of its own (the first from {@value #FIRST_TABLE} up that no
 * rule and no route uses), a rule {@code from <address> lookup <table>}, a default route via the
 * address's gateway in that table, and the interface's main-table routes that belong to the
 * address (whose source or gateway is in its subnet, or that have neither) copied there; then the
 * interface's routes leave the main table, so that only traffic from its addresses uses it.
 * Replies then leave by the interface their request came in on.
 *
 * <p>Unlike the reference plugin, {@link #apply} is all or nothing (a failure removes what it
 * added and puts the main table's routes back), and {@link #remove} removes the tables' routes
 * with the rules, finds the rules by the addresses it is given as well as by the interface's
 * current ones, and needs neither the interface nor its addresses to still exist.
 *
 * <pre>{@code
 * try (RtNetlink rt = RtNetlink.open(container)) {
 *     new SourceRouting(rt).apply("net1", List.of(new SourceRouting.Source(Prefix.parse("192.0.2.10/24"),
 *             InetAddresses.parse("gateway", "192.0.2.1"))), SourceRouting.MainDefaultRoutes.MOVE);
 * }
 * }</pre>
 */
public final class SourceRouting {

    /** The first table tried, as the reference plugin numbers them. */
    public static final long FIRST_TABLE = 100;

    /** What happens to the interface's default routes in the main table. */
    public enum MainDefaultRoutes {
        /** Moved with the interface's other routes (the reference's behaviour). */
        MOVE,
        /** Left in the main table too, for traffic that has no source address yet ({@code preserveDefaultRoutes}). */
        KEEP
    }

    /**
     * An address of the interface to route by.
     *
     * @param address the address with its prefix length (the subnet decides which routes are its)
     * @param gateway its gateway, for the table's default route; null for none
     */
    public record Source(Prefix address, InetAddress gateway) {
        public Source {
            if (address == null) {
                throw new IllegalArgumentException("source address: must not be null");
            }
            if (gateway != null && IpFamily.of(gateway) != address.family()) {
                throw new IllegalArgumentException("source gateway: " + InetAddresses.text(gateway)
                        + " is not of the family of " + address);
            }
        }

        /** The rule's selector: the address alone ({@code /32}, {@code /128}). */
        Prefix host() {
            return new Prefix(address.address(), address.family().bits());
        }
    }

    /**
     * The table one source was given.
     *
     * @param source the source
     * @param table  its table
     * @param rule   the rule sending its traffic there, as the kernel reports it (with the priority it picked)
     */
    public record SourceTable(Source source, long table, Rule rule) {
    }

    private final RtNetlink rt;

    /** For the namespace of {@code rt}. */
    public SourceRouting(RtNetlink rt) {
        this.rt = rt;
    }

    /**
     * Gives each of {@code sources} (addresses of {@code ifName}) its table and rule, moves the
     * interface's routes out of the main table, and returns the tables in the order of
     * {@code sources}. All or nothing.
     */
    public List<SourceTable> apply(String ifName, List<Source> sources, MainDefaultRoutes defaults) {
        Link link = rt.links().require(ifName, "set up source-based routing on " + ifName);
        List<Route> all = new ArrayList<>(rt.routes().listAll(IpFamily.IPV4));
        all.addAll(rt.routes().listAll(IpFamily.IPV6));
        Set<Long> used = new HashSet<>();
        rt.rules().list().forEach(r -> used.add(r.table()));
        all.forEach(r -> used.add(r.table()));
        List<Route> main = all.stream().filter(r -> r.table() == Rtnetlink.RT_TABLE_MAIN && r.oif() == link.index())
                .toList();
        Undo undo = new Undo(link.index());
        try {
            long table = FIRST_TABLE;
            for (Source source : sources) {
                while (used.contains(table)) {
                    table++;
                }
                used.add(table);
                route(link, source, table, main, undo);
            }
            for (Route route : main) {
                if (!(defaults == MainDefaultRoutes.KEEP && route.isDefault())) {
                    rt.routes().delete(route);
                    undo.deleted.add(route);
                }
            }
            List<Rule> rules = rt.rules().list(); // as the kernel made them: with the priorities it picked
            List<SourceTable> tables = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                Rule asked = undo.rules.get(i);
                tables.add(new SourceTable(sources.get(i), undo.tables.get(i), rules.stream()
                        .filter(r -> asked.from().equals(r.from()) && r.table() == asked.table())
                        .findFirst().orElse(asked)));
            }
            return tables;
        } catch (RuntimeException e) {
            undo.run(e);
            throw e;
        }
    }

    /** The table, rule and routes of one source; what it adds is noted in {@code undo}. */
    private void route(Link link, Source source, long table, List<Route> main, Undo undo) {
        Rule rule = Rule.from(source.host()).lookup(table);
        rt.rules().add(rule);
        undo.rules.add(rule);
        undo.tables.add(table);
        if (source.gateway() != null) {
            rt.routes().add(Route.defaultRoute(source.address().family()).withGateway(source.gateway())
                    .withOif(link.index()).withTable(table)); // a free table: EEXIST would mean another took it
        }
        Prefix subnet = source.address();
        for (Route route : main) {
            boolean unsourced = route.preferredSource() == null && route.gateway() == null;
            if (unsourced || (route.preferredSource() != null && subnet.contains(route.preferredSource()))
                    || (route.gateway() != null && subnet.contains(route.gateway()))) {
                rt.routes().replace(route.withTable(table));
            }
        }
    }

    /**
     * Removes the rules from {@code addresses} and from the addresses {@code ifName} still has,
     * and the routes of their tables ({@code ifName} may be gone, and its addresses with it).
     * Removing what is not there is not an error.
     */
    public void remove(String ifName, Collection<InetAddress> addresses) {
        Optional<Link> link = rt.links().get(ifName);
        Set<InetAddress> sources = new LinkedHashSet<>(addresses);
        link.ifPresent(l -> rt.addresses().list(ifName).stream().map(Address::address).forEach(sources::add));
        List<RuntimeException> failures = new ArrayList<>();
        Set<Long> tables = new HashSet<>();
        for (Rule rule : rt.rules().list()) {
            if (!rule.isFromOneOf(sources)) {
                continue;
            }
            try {
                rt.rules().delete(rule);
                rule.ownTable().ifPresent(tables::add);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (link.isPresent()) {
            deleteRoutes(tables, link.get().index(), failures::add); // with the link gone, its routes went too
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * What differs from what {@link #apply} made for {@code sources} on {@code ifName}: a missing
     * rule, a table without the interface's routes or without the default route via the gateway.
     */
    public List<String> check(String ifName, List<Source> sources) {
        Link link = rt.links().require(ifName, "check source-based routing on " + ifName);
        List<String> problems = new ArrayList<>();
        List<Rule> rules = rt.rules().list();
        for (Source source : sources) {
            Optional<Rule> rule = rules.stream().filter(r -> r.isFromOneOf(Set.of(source.address().address()))
                    && r.ownTable().isPresent()).findFirst();
            if (rule.isEmpty()) {
                problems.add("no rule from " + InetAddresses.text(source.address().address()));
                continue;
            }
            long table = rule.get().ownTable().getAsLong();
            List<Route> routes = rt.routes().listTable(source.address().family(), table).stream()
                    .filter(r -> r.oif() == link.index()).toList();
            if (routes.isEmpty()) {
                problems.add("table " + table + " (from " + InetAddresses.text(source.address().address())
                        + ") has no route through " + ifName);
            }
            if (source.gateway() != null && routes.stream().noneMatch(r -> r.isDefault()
                    && source.gateway().equals(r.gateway()))) {
                problems.add("table " + table + " has no default route via " + InetAddresses.text(source.gateway()));
            }
        }
        return problems;
    }

    /**
     * Deletes the routes through link {@code index} from {@code tables}, both families, one dump
     * each; each failure goes to {@code failed} and the rest are still tried.
     */
    private void deleteRoutes(Set<Long> tables, int index, Consumer<RuntimeException> failed) {
        if (tables.isEmpty()) {
            return;
        }
        for (IpFamily family : IpFamily.values()) {
            List<Route> routes;
            try {
                routes = rt.routes().listAll(family);
            } catch (RuntimeException e) {
                failed.accept(e);
                continue;
            }
            for (Route route : routes) {
                if (tables.contains(route.table()) && route.oif() == index) {
                    try {
                        rt.routes().delete(route);
                    } catch (RuntimeException e) {
                        failed.accept(e);
                    }
                }
            }
        }
    }

    /** What {@link #apply} changed, to take back when a later step fails. */
    private final class Undo {
        final int index;
        final List<Rule> rules = new ArrayList<>();
        final List<Long> tables = new ArrayList<>();
        final List<Route> deleted = new ArrayList<>();

        Undo(int index) {
            this.index = index;
        }

        void run(RuntimeException cause) {
            for (Route route : deleted.reversed()) {
                try {
                    rt.routes().replace(route);
                } catch (RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
            for (Rule rule : rules.reversed()) {
                try {
                    rt.rules().delete(rule);
                } catch (RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
            deleteRoutes(new HashSet<>(tables), index, cause::addSuppressed);
        }
    }
}
