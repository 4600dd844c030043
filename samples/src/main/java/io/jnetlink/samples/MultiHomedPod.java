package io.jnetlink.samples;

import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.multus.NetworkAttachmentDefinition;
import io.jnetlink.cni.multus.NetworkSelection;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.plugins.sbr.SbrPlugin;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.macvlan.Address;
import io.jnetlink.macvlan.Route;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.macvlan.Veth;
import io.jnetlink.testkit.Ping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scenario 12: a multi-homed pod. Two LANs, each a macvlan parent of the host with a router and
 * a client behind it (203.0.113.10 behind router A, 203.0.113.130 behind router B); two pods, each
 * attached to both LANs by Multus ({@code net1} on LAN A, with the main table's default route;
 * {@code net2} on LAN B): one with sbr chained after macvlan in both networks, one without. Each
 * client pings each pod's address on its own LAN. With sbr every reply leaves by the interface its
 * request came in on; without, the reply to client B leaves by LAN A (the default route), where
 * router A has no way to client B, and is lost.
 */
public final class MultiHomedPod implements Scenario<MultiHomedPod.Observation> {

    /** A NetworkAttachmentDefinition of one LAN: macvlan on {@code MASTER}, static addresses, then sbr (or not). */
    static final String NAD = """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: NAME
              namespace: pods
            spec:
              config: '{"cniVersion":"1.0.0","name":"NAME","plugins":[
                {"type":"macvlan","master":"MASTER","mode":"bridge","capabilities":{"ips":true},
                 "ipam":{"type":"static","routes":ROUTES}}SBR]}'
            """;

    /** Which client's ping of which pod was answered. */
    public record Observation(boolean aToSbrPod, boolean bToSbrPod, boolean aToPlainPod, boolean bToPlainPod) {
    }

    public static void main(String[] args) throws Exception {
        Scenario.runAlone(new MultiHomedPod());
    }

    @Override
    public String title() {
        return "12 multi-homed pod";
    }

    @Override
    public String claim() {
        return "with sbr, replies leave by the interface they came in on";
    }

    @Override
    public Observation observe(Lab lab) throws Exception {
        NetNs host = lab.namespace("host");
        RtNetlink hostLinks = lab.rtnetlink(host);
        NetNs clientA = lan(lab, hostLinks, "a", "192.0.2.1/24", "203.0.113.1/25", "203.0.113.10/25");
        NetNs clientB = lan(lab, hostLinks, "b", "198.51.100.1/24", "203.0.113.129/25", "203.0.113.130/25");
        CniRuntime runtime = CniRuntime.builder().pluginPath(List.of(Path.of("/opt/cni/bin")))
                .cacheDir(lab.directory("cni-cache"))
                .plugin("macvlan", lab.closeLater(new MacvlanPlugin(host)))
                .plugin("sbr", lab.closeLater(new SbrPlugin())).build();
        Observation o = new Observation(false, false, false, false);
        for (String variant : List.of("sbr", "plain")) {
            Map<String, NetworkAttachmentDefinition> nads = Stream.of(
                            nad("lan-a-" + variant, "lan-a", "[{\"dst\":\"0.0.0.0/0\",\"gw\":\"192.0.2.1\"}]", variant, "192.0.2.1"),
                            nad("lan-b-" + variant, "lan-b", "[]", variant, "198.51.100.1"))
                    .collect(Collectors.toMap(NetworkAttachmentDefinition::qualifiedName, n -> n));
            int host4 = variant.equals("sbr") ? 10 : 20;
            // k8s.v1.cni.cncf.io/networks of the pod: both LANs, its addresses from the annotation
            List<NetworkSelection> wanted = Multus.networks("""
                    [{"name":"lan-a-%1$s","interface":"net1","ips":["192.0.2.%2$d/24"]},
                     {"name":"lan-b-%1$s","interface":"net2","ips":["198.51.100.%2$d/24"]}]"""
                    .formatted(variant, host4), "pods");
            NetNs pod = lab.namespace("pod-" + variant);
            String path = "/run/netns/" + pod.description();
            Multus.attach(runtime, nads, wanted, "pod-" + variant, path);
            boolean fromA;
            boolean fromB;
            try {
                fromA = Ping.answers(clientA, "192.0.2." + host4);
                fromB = Ping.answers(clientB, "198.51.100." + host4);
            } finally {
                Multus.detach(runtime, nads, wanted, "pod-" + variant, path);
            }
            o = variant.equals("sbr") ? new Observation(fromA, fromB, false, false)
                    : new Observation(o.aToSbrPod(), o.bToSbrPod(), fromA, fromB);
        }
        return o;
    }

    private static NetworkAttachmentDefinition nad(String name, String master, String routes, String variant,
                                                   String gateway) {
        String sbr = variant.equals("sbr") ? ",{\"type\":\"sbr\",\"gateway\":\"" + gateway + "\"}" : "";
        return NetworkAttachmentDefinition.parse(NAD.replace("NAME", name).replace("MASTER", master)
                .replace("ROUTES", routes).replace("SBR", sbr));
    }

    /**
     * LAN {@code name}: the host's parent {@code lan-<name>}, its veth peer in a router namespace
     * at {@code lanAddress}, and a client namespace (returned) behind the router.
     */
    private static NetNs lan(Lab lab, RtNetlink hostLinks, String name, String lanAddress, String routerSide,
                             String client) throws Exception {
        NetNs router = lab.namespace("router-" + name);
        NetNs clientNs = lab.namespace("client-" + name);
        hostLinks.links().create(Veth.of("lan-" + name, "lan").withPeerNetns(router));
        hostLinks.links().setUp("lan-" + name);
        RtNetlink routerLinks = lab.rtnetlink(router);
        routerLinks.links().create(Veth.of("cl", "eth0").withPeerNetns(clientNs));
        routerLinks.addresses().add("lan", Address.parse(lanAddress));
        routerLinks.addresses().add("cl", Address.parse(routerSide));
        routerLinks.links().setUp("lan");
        routerLinks.links().setUp("cl");
        router.call(() -> Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1"));
        RtNetlink clientLinks = lab.rtnetlink(clientNs);
        clientLinks.addresses().add("eth0", Address.parse(client));
        clientLinks.links().setUp("eth0");
        clientLinks.routes().add(Route.defaultRoute(IpFamily.IPV4)
                .withGateway(routerSide.substring(0, routerSide.indexOf('/'))).withDev("eth0"));
        return clientNs;
    }

    @Override
    public String describe(Observation o) {
        return "with sbr: A " + Ping.reply(o.aToSbrPod()) + ", B " + Ping.reply(o.bToSbrPod())
                + "; without: A " + Ping.reply(o.aToPlainPod()) + ", B " + Ping.reply(o.bToPlainPod());
    }

    @Override
    public boolean holds(Observation o) {
        return o.aToSbrPod() && o.bToSbrPod() && o.aToPlainPod() && !o.bToPlainPod();
    }
}
