/**
 * The {@code dhcp} IPAM type: addresses from a DHCP server, renewed by a service that survives
 * restarts. Needs netlink-core (packet and UDP sockets in the container's namespace), macvlan-api
 * (the interface's index and MAC, removing a lost lease's address) and ipam.
 */
module io.jnetlink.ipam.dhcp {
    requires transitive io.jnetlink.ipam;
    requires io.jnetlink.macvlan;

    exports io.jnetlink.ipam.dhcp;

    provides io.jnetlink.ipam.IpamPlugin with io.jnetlink.ipam.dhcp.DhcpPlugin;
}
