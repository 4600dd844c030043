/**
 * The {@code dhcp} IPAM type: a DHCPv4 client (RFC 2131, options of RFC 2132, classless routes of
 * RFC 3442) that gets a container's address from the LAN's DHCP server on the container's own
 * interface, with the CNI reference plugin's client identifier, and a {@link
 * io.jnetlink.ipam.dhcp.DhcpRenewer} that keeps the leases in files and renews them, across
 * restarts of the process that runs it.
 */
package io.jnetlink.ipam.dhcp;
