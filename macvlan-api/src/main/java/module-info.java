/**
 * Typed links (macvlan, macvtap, veth, bridge), addresses, routes, namespaces and events on
 * top of netlink-core.
 */
module io.jnetlink.macvlan {
    requires transitive io.jnetlink.core;
    requires transitive io.jnetlink.ipam;

    exports io.jnetlink.macvlan;
}
