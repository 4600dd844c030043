package io.jnetlink.cni;

import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.multus.NetworkAttachmentDefinition;
import io.jnetlink.cni.multus.NetworkSelection;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.plugins.sbr.SbrPlugin;
import io.jnetlink.core.NetNs;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.Ping;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Multus pod on two LANs: {@code net1} a macvlan on LAN A (192.0.2.0/24, router A), {@code net2} a
 * macvlan on LAN B (198.51.100.0/24, router B, its address from the annotation's {@code ips}),
 * each chained with sbr; a client behind each router (203.0.113.10 behind A, 203.0.113.130 behind
 * B) pings the pod's address on its LAN. With our sbr both get their replies, because each reply
 * leaves by the interface its request came in on; without sbr the reply to client B leaves by
 * LAN A (the main table's default) and is lost; with Debian's sbr it is lost too, since the
 * address came without a gateway and the reference ignores the config's {@code gateway} (multus
 * #706, plugins #1213). When the annotation gives net2 the pod's {@code default-route}, our Multus
 * puts it in sbr's table of net2's address too, so Debian's sbr then works as well.
 */
@RequiresNetAdmin
class MultiHomedPodIT {

    private static final String NAD_A = """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: lan-a
              namespace: pods
            spec:
              config: '{"cniVersion":"1.0.0","name":"lan-a","plugins":[{"type":"macvlan","master":"jnlma",
                "mode":"bridge","ipam":{"type":"static","addresses":[{"address":"192.0.2.10/24",
                "gateway":"192.0.2.1"}],"routes":[{"dst":"0.0.0.0/0"}]}}SBR_A]}'
            """;
    private static final String NAD_B = """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: lan-b
              namespace: pods
            spec:
              config: '{"cniVersion":"1.0.0","name":"lan-b","plugins":[{"type":"macvlan","master":"jnlmb",
                "mode":"bridge","capabilities":{"ips":true},"ipam":{"type":"static"}}SBR_B]}'
            """;
    private static final String ANNOTATION = """
            [{"name":"lan-a","interface":"net1"},
             {"name":"lan-b","interface":"net2","ips":["198.51.100.10/24"]}]""";
    /** As {@link #ANNOTATION}, and the pod's default route through net2 ({@code default-route}). */
    private static final String ANNOTATION_DEFAULT_B = """
            [{"name":"lan-a","interface":"net1"},
             {"name":"lan-b","interface":"net2","ips":["198.51.100.10/24"],"default-route":["198.51.100.1"]}]""";
    private static final String SBR_WITH_GATEWAY = ",{\"type\":\"sbr\",\"gateway\":\"198.51.100.1\"}";
    private static final String SBR = ",{\"type\":\"sbr\"}";

    /** Whether each client's ping was answered, and how the pod routes a reply to client B. */
    private record Replies(boolean clientA, boolean clientB, String routeToClientB) {
    }

    @Test
    void repliesLeaveByTheInterfaceTheirRequestCameInOnWithOurSbr() {
        Replies ours = run(ANNOTATION, SBR_WITH_GATEWAY, (box, cache) -> CniRuntime.builder()
                .pluginPath(List.of(Path.of("/usr/lib/cni"))).cacheDir(cache).timeout(Duration.ofSeconds(30))
                .plugin("macvlan", box.closeLater(new MacvlanPlugin(box.ns())))
                .plugin("sbr", box.closeLater(new SbrPlugin())).build());
        assertThat(ours.clientA()).as("client A, our sbr").isTrue();
        assertThat(ours.clientB()).as("client B, our sbr").isTrue();
        assertThat(ours.routeToClientB()).contains("dev net2").contains("table 101");

        Replies withoutSbr = run(ANNOTATION, "", (box, cache) -> CniRuntime.builder()
                .pluginPath(List.of(Path.of("/usr/lib/cni"))).cacheDir(cache).timeout(Duration.ofSeconds(30))
                .plugin("macvlan", box.closeLater(new MacvlanPlugin(box.ns()))).build());
        assertThat(withoutSbr.clientA()).as("client A, no sbr").isTrue();
        assertThat(withoutSbr.clientB()).as("client B, no sbr: the reply leaves by LAN A").isFalse();
        assertThat(withoutSbr.routeToClientB()).contains("dev net1");

        Replies reference = run(ANNOTATION, SBR_WITH_GATEWAY, (box, cache) -> CniRuntime.builder()
                .pluginPath(List.of(Path.of("/usr/lib/cni"))).cacheDir(cache).timeout(Duration.ofSeconds(30))
                .inNamespace(box.ns()).build());
        assertThat(reference.clientA()).as("client A, Debian's plugins").isTrue();
        assertThat(reference.clientB()).as("client B, Debian's sbr: no gateway in table 101").isFalse();

        // the annotation's default-route: our Multus gives sbr's table of net2's address the default route
        // too (Multus itself sets only the main table's, multus #706), whichever sbr made the table
        Replies referenceWithDefaultRoute = run(ANNOTATION_DEFAULT_B, SBR, (box, cache) -> CniRuntime.builder()
                .pluginPath(List.of(Path.of("/usr/lib/cni"))).cacheDir(cache).timeout(Duration.ofSeconds(30))
                .inNamespace(box.ns()).build());
        assertThat(referenceWithDefaultRoute.clientA()).as("client A, default-route via net2").isTrue();
        assertThat(referenceWithDefaultRoute.clientB()).as("client B, default-route via net2").isTrue();
        assertThat(referenceWithDefaultRoute.routeToClientB()).contains("dev net2").contains("table 101");
    }

    /**
     * Attaches the pod as {@code annotation} asks, with {@code sbrB} (empty: no sbr) chained in LAN B's
     * network and plain sbr in LAN A's (if {@code sbrB} is not empty), pings it from both clients, detaches.
     */
    private static Replies run(String annotation, String sbrB, BiFunction<Sandbox, Path, CniRuntime> runtimeIn) {
        try (Sandbox box = Sandbox.create()) {
            box.namespace("pod");
            String pod = box.name() + "-pod";
            NetNs clientA = lan(box, "a", "jnlma", "192.0.2.1/24", "203.0.113.1/25", "203.0.113.10/25");
            NetNs clientB = lan(box, "b", "jnlmb", "198.51.100.1/24", "203.0.113.129/25", "203.0.113.130/25");
            Map<String, NetworkAttachmentDefinition> definitions = Stream.of(
                            NAD_A.replace("SBR_A", sbrB.isEmpty() ? "" : SBR), NAD_B.replace("SBR_B", sbrB))
                    .map(NetworkAttachmentDefinition::parse)
                    .collect(Collectors.toMap(NetworkAttachmentDefinition::qualifiedName, n -> n));
            CniRuntime runtime = runtimeIn.apply(box, box.directory("cache"));
            List<NetworkSelection> wanted = Multus.networks(annotation, "pods");
            Multus.attach(runtime, definitions, wanted, "pod1", "/run/netns/" + pod);
            try {
                return new Replies(Ping.answers(clientA, "192.0.2.10"), Ping.answers(clientB, "198.51.100.10"),
                        Command.run("ip", "-n", pod, "route", "get", "203.0.113.130", "from", "198.51.100.10")
                                .output().strip());
            } finally {
                Multus.detach(runtime, definitions, wanted, "pod1", "/run/netns/" + pod);
            }
        }
    }

    /**
     * LAN {@code name}: the macvlan parent {@code parent} in the sandbox's namespace, its peer in
     * router {@code r<name>} at {@code lanAddress}, and client {@code c<name>} behind the router
     * (returned).
     */
    private static NetNs lan(Sandbox box, String name, String parent, String lanAddress, String routerSide,
                             String client) {
        box.namespace("r" + name);
        String router = box.name() + "-r" + name;
        NetNs clientNamespace = box.namespace("c" + name);
        String clientNs = box.name() + "-c" + name;
        ip(box.name(), "link", "add", parent, "type", "veth", "peer", "name", "lan", "netns", router);
        ip(box.name(), "link", "set", parent, "up");
        ip(router, "link", "add", "cl", "type", "veth", "peer", "name", "eth0", "netns", clientNs);
        ip(router, "addr", "add", lanAddress, "dev", "lan");
        ip(router, "addr", "add", routerSide, "dev", "cl");
        ip(router, "link", "set", "lan", "up");
        ip(router, "link", "set", "cl", "up");
        Command.check("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        ip(clientNs, "addr", "add", client, "dev", "eth0");
        ip(clientNs, "link", "set", "eth0", "up");
        ip(clientNs, "route", "add", "default", "via", routerSide.substring(0, routerSide.indexOf('/')));
        return clientNamespace;
    }

    private static void ip(String ns, String... args) {
        Command.check(Stream.concat(Stream.of("ip", "-n", ns), Stream.of(args)).toArray(String[]::new));
    }
}
