package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.Rtnetlink;

/**
 * What a {@link Subscription} or a {@link Watch} watches, as {@code ip monitor} names it: each kind
 * is the rtnetlink multicast groups ({@code RTNLGRP_*}) whose events it delivers.
 * {@link RtNetlink#subscribe(java.util.function.Consumer)} watches links, addresses, routes and rules;
 * {@link RtNetlink#subscribe(java.util.Set, java.util.function.Consumer)} and
 * {@link RtNetlink#watch(java.util.Set, java.util.function.Consumer)} what they are given.
 */
public enum EventKind {
    /** {@code ip monitor link}: {@link NetEvent.LinkEvent}s. */
    LINKS(Rtnetlink.RTNLGRP_LINK),
    /** {@code ip monitor address}: {@link NetEvent.AddressEvent}s, IPv4 and IPv6. */
    ADDRESSES(Rtnetlink.RTNLGRP_IPV4_IFADDR, Rtnetlink.RTNLGRP_IPV6_IFADDR),
    /** {@code ip monitor route}: {@link NetEvent.RouteEvent}s, IPv4 and IPv6, every table. */
    ROUTES(Rtnetlink.RTNLGRP_IPV4_ROUTE, Rtnetlink.RTNLGRP_IPV6_ROUTE),
    /** {@code ip monitor rule}: {@link NetEvent.RuleEvent}s, IPv4 and IPv6. */
    RULES(Rtnetlink.RTNLGRP_IPV4_RULE, Rtnetlink.RTNLGRP_IPV6_RULE),
    /**
     * {@code ip monitor neigh}: {@link NetEvent.NeighbourEvent}s, IPv4 and IPv6. Frequent on a busy
     * link (every resolution and state change of the ARP and NDP caches), so only on request.
     */
    NEIGHBOURS(Rtnetlink.RTNLGRP_NEIGH);

    private final int[] groups;

    EventKind(int... groups) {
        this.groups = groups;
    }

    /** The {@code RTNLGRP_*} groups to join (the array itself: not to be changed). */
    int[] groups() {
        return groups;
    }
}
