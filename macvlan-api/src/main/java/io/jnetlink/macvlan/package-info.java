/**
 * One network namespace through netlink, as {@code ip} shows it: {@link io.jnetlink.macvlan.RtNetlink}
 * is the entry point (links with their counters and IPv6 settings, addresses, routes, rules,
 * neighbours, events and list-then-watch ({@link io.jnetlink.macvlan.Watch}), bulk create and
 * delete, ensure, changes sent together as a {@link io.jnetlink.macvlan.Batch}); each link
 * kind is one file ({@link io.jnetlink.macvlan.Macvlan}, {@link io.jnetlink.macvlan.Macvtap},
 * {@link io.jnetlink.macvlan.Veth}, {@link io.jnetlink.macvlan.Bridge}, {@link io.jnetlink.macvlan.Vxlan}),
 * and {@link io.jnetlink.macvlan.Link} reads back any link with its kind's details.
 */
package io.jnetlink.macvlan;
