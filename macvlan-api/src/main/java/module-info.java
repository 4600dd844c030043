/**
 * Typed links (macvlan, macvtap, veth, bridge and bridge ports, vxlan), addresses, routes,
 * neighbours and events of one network namespace, on top of netlink-core and nothing else.
 */
module io.jnetlink.macvlan {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.macvlan;
}
