package io.jnetlink.ipam.dhcp;

import io.jnetlink.attach.Endpoint;
import io.jnetlink.attach.MacvlanAttacher;
import io.jnetlink.attach.MacvlanAttachment;
import io.jnetlink.core.NetNs;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.Owner;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.DhcpServer;
import io.jnetlink.testkit.Sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' LAN: the sandbox's namespace is the host with the macvlan parent {@code parent0},
 * whose veth peer {@code srv0} sits in a {@code dhcp} namespace with {@value DhcpServer#SERVER}/24,
 * where a DHCP server may run; containers are further namespaces with a macvlan on the parent.
 */
final class DhcpLan implements AutoCloseable {

    static final String NETWORK = "dhcpnet";

    final Sandbox box;
    final NetNs serverNs;
    final String serverNsName;
    final RtNetlink host;

    DhcpLan(Sandbox box) {
        this.box = box;
        this.serverNsName = DhcpServer.lan(box, "parent0");
        this.serverNs = box.closeLater(NetNs.named(serverNsName));
        this.host = box.closeLater(RtNetlink.open(box.ns()));
    }

    /** An ISC dhcpd on {@code srv0}, leases of {@code seconds}, stopped with the sandbox. */
    DhcpServer iscServer(int seconds, String extraConfig) {
        return box.closeLater(DhcpServer.start(serverNsName, DhcpServer.SERVER_INTERFACE, box.directory("dhcpd"),
                seconds, extraConfig));
    }

    /** The {@code dhcp} IPAM config with {@code extra} fields. */
    static Map<String, Object> ipam(Map<String, Object> extra) {
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("type", "dhcp");
        ipam.putAll(extra);
        return ipam;
    }

    /** An attacher taking addresses from the {@code dhcp} type with {@code ipam}'s config. */
    MacvlanAttacher attacher(Map<String, Object> ipam) {
        IpAllocator allocator = box.closeLater(Ipam.open(NETWORK, ipam));
        return new MacvlanAttacher(host, NETWORK, allocator, MacvlanAttacher.RoutePolicy.FROM_IPAM);
    }

    /** A new container namespace {@code role}. */
    NetNs container(String role) {
        return box.namespace(role);
    }

    Endpoint attach(MacvlanAttacher attacher, NetNs container, Owner owner) {
        return attacher.attach(MacvlanAttachment.of("parent0"), container, owner, List.of());
    }

    /** A renewer on a fresh directory, closed with the sandbox. */
    DhcpRenewer renewer(Path directory) {
        return box.closeLater(DhcpRenewer.start(directory));
    }

    @Override
    public void close() {
        box.close();
    }
}
