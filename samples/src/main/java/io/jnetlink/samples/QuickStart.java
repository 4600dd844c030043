package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.Route;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;


/**
 * The README's example: {@code ip link add link eth0 name macvlan1 type macvlan mode bridge},
 * in Java, inside a throwaway namespace with a veth standing in for eth0.
 */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) throws Exception {
        String sandbox = "jnltest-quickstart-" + ProcessHandle.current().pid();
        try (NetNs ns = NetNs.create(sandbox); RtNetlink rt = RtNetlink.open(ns)) {       // RtNetlink.open() in real use
            rt.links().create(Veth.of("eth0", "eth0-peer"));                 // a stand-in parent
            rt.links().create(Macvlan.of("macvlan1", "eth0").withMode(MacvlanMode.BRIDGE));
            rt.links().setUp("macvlan1");
            rt.addresses().add("macvlan1", Address.parse("192.0.2.200/24"));
            rt.routes().add(Route.defaultRoute(IpFamily.IPV4).withGateway("192.0.2.254").withDev("macvlan1"));
            rt.links().list().forEach(System.out::println);                  // as `ip -d link show` prints them
            rt.routes().list(IpFamily.IPV4).forEach(System.out::println);    // as `ip route`

        } finally {
            NetNs.delete(sandbox);
        }
    }
}
