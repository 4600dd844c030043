package io.jnetlink.macvlan;

/** A change in a watched namespace, delivered to a {@link Subscription}'s or a {@link Watch}'s listener. */
public sealed interface NetEvent {

    /** What happened to the object. */
    enum Change { NEW, CHANGED, DELETED }

    /** A link appeared, changed or was deleted. */
    record LinkEvent(Change change, Link link) implements NetEvent {
    }

    /**
     * An address was added or removed; the kernel says {@code NEW} for a change too (flags, lifetimes),
     * which a {@link Watch}, knowing the address, delivers as {@code CHANGED}.
     */
    record AddressEvent(Change change, Address address) implements NetEvent {
    }

    /**
     * A route was added, replaced ({@code CHANGED}) or removed, in any table (the local table's
     * routes for new addresses among them: filter on {@link Route#table()}), as
     * {@code ip monitor route} shows. Its {@link Route#dev()} is null: the link is {@link Route#oif()}.
     * A {@link Watch} delivers a replacement as the old route {@code DELETED} and the new one {@code NEW}.
     */
    record RouteEvent(Change change, Route route) implements NetEvent {
    }

    /** A rule was added or removed ({@code ip monitor rule}); a rule is never changed in place. */
    record RuleEvent(Change change, Rule rule) implements NetEvent {
    }

    /**
     * A neighbour entry was added or changed ({@code NEW}: the kernel's {@code RTM_NEWNEIGH} says
     * the same for both, e.g. a new state; a {@link Watch}, knowing the entry, says {@code CHANGED})
     * or was removed ({@code DELETED}), as {@code ip monitor neigh} shows; IPv4 and IPv6 only.
     * Delivered to subscriptions that watch {@link EventKind#NEIGHBOURS}. Its {@link Neighbour#dev()}
     * is null: the link is {@link Neighbour#ifindex()}.
     */
    record NeighbourEvent(Change change, Neighbour neighbour) implements NetEvent {
    }

    /**
     * The kernel dropped events because they were not read fast enough ({@code ENOBUFS}), and the
     * events still queued were dropped after them; the listener should re-list what it tracks
     * (a {@link Watch} does, and delivers {@link Synced} instead).
     */
    record Overflow() implements NetEvent {
    }

    /**
     * Delivered by a {@link Watch} only: the objects its listener was given so far are, taken
     * together, what the kernel listed when the watch last listed them: the first time
     * ({@code resyncs} 0), and after each re-listing an {@link Overflow} forced (1, 2, ...).
     *
     * @param resyncs how many times the watch listed again after losing events
     */
    record Synced(long resyncs) implements NetEvent {
    }
}
