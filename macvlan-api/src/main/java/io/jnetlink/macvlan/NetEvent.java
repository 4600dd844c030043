package io.jnetlink.macvlan;

/** A change in a watched namespace, delivered to a {@link Subscription}'s listener. */
public sealed interface NetEvent {

    /** What happened to the object. */
    enum Change { NEW, CHANGED, DELETED }

    /** A link appeared, changed or was deleted. */
    record LinkEvent(Change change, Link link) implements NetEvent {
    }

    /** An address was added or removed ({@code CHANGED} is not used by the kernel for addresses). */
    record AddressEvent(Change change, Address address) implements NetEvent {
    }

    /**
     * A route was added, replaced ({@code CHANGED}) or removed, in any table (the local table's
     * routes for new addresses among them: filter on {@link Route#table()}), as
     * {@code ip monitor route} shows. Its {@link Route#dev()} is null: the link is {@link Route#oif()}.
     */
    record RouteEvent(Change change, Route route) implements NetEvent {
    }

    /** A rule was added or removed ({@code ip monitor rule}); a rule is never changed in place. */
    record RuleEvent(Change change, Rule rule) implements NetEvent {
    }

    /**
     * A neighbour entry was added or changed ({@code NEW}: the kernel's {@code RTM_NEWNEIGH} says
     * the same for both, e.g. a new state) or was removed ({@code DELETED}), as {@code ip monitor neigh}
     * shows; IPv4 and IPv6 only. Delivered to subscriptions that watch {@link EventKind#NEIGHBOURS}.
     * Its {@link Neighbour#dev()} is null: the link is {@link Neighbour#ifindex()}.
     */
    record NeighbourEvent(Change change, Neighbour neighbour) implements NetEvent {
    }

    /**
     * The kernel dropped events because they were not read fast enough ({@code ENOBUFS}); the
     * listener should re-list what it tracks.
     */
    record Overflow() implements NetEvent {
    }
}
