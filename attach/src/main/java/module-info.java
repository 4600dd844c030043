/**
 * Links plus IP address management: a macvlan created inside a container's namespace with its
 * addresses and routes, all-or-nothing; detach and check; Docker-style networks and the host
 * shim. The CNI macvlan plugin is this plus CNI's conventions.
 */
module io.jnetlink.attach {
    requires transitive io.jnetlink.macvlan;
    requires transitive io.jnetlink.ipam;

    exports io.jnetlink.attach;
}
