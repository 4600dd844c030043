package io.jnetlink.cni;

import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.types.Json;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.multus.NetworkAttachmentDefinition;
import io.jnetlink.cni.multus.NetworkSelection;
import io.jnetlink.core.NetNs;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multus attachments in the kernel: a pod annotation with {@code ips}, {@code mac},
 * {@code interface} and {@code default-route}, plus a second network named {@code net2} by
 * position; once through the reference plugins only, once with our macvlan in process, in
 * identical sandboxes; the pod's state (routes as {@code ip route} prints them), the host namespace
 * and the network-status must agree, attached and detached.
 */
@RequiresNetAdmin
class MultusIT {

    private static final String STATIC_NAD = """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: macvlan-static
              namespace: pods
            spec:
              config: '{"cniVersion":"1.0.0","name":"macvlan-static","plugins":[{"type":"macvlan","master":"jnlm0",
                "mode":"bridge","capabilities":{"ips":true,"mac":true},"ipam":{"type":"static"}}]}'
            """;
    private static final String POOL_NAD = """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: macvlan-pool
              namespace: pods
            spec:
              config: '{"cniVersion":"0.4.0","type":"macvlan","master":"jnlm0","ipam":{"type":"host-local",
                "subnet":"203.0.113.0/24","dataDir":"DATADIR"}}'
            """;
    private static final String ANNOTATION = """
            [{"name":"macvlan-static","interface":"net5","ips":["198.51.100.10/24"],"mac":"02:00:5e:00:53:0a",
              "default-route":["198.51.100.254"]},
             {"name":"macvlan-pool","namespace":"pods"}]""";

    /**
     * What one run observed: the network-status, the pod's interfaces and routes (as
     * {@code ip -d route} prints them, {@code proto} and all), the host namespace once attached,
     * and what detaching left: the pod's and the host's namespaces, interfaces, leases and cache
     * entries.
     */
    private record Run(String status, String pod, List<String> routes, Map<String, Object> hostAttached,
                       Map<String, Object> podDetached, Map<String, Object> hostDetached,
                       List<String> leftAfterDetach) {
    }

    @Test
    void ipsMacInterfaceAndDefaultRouteReachThePodAlikeThroughReferenceAndInProcessPlugins() throws Exception {
        Run reference = run((box, cache) -> CniRuntime.builder().pluginPath(List.of(Path.of("/usr/lib/cni")))
                .cacheDir(cache).timeout(Duration.ofSeconds(30)).inNamespace(box.ns()).build());
        Run ours = run((box, cache) -> CniRuntime.builder().pluginPath(List.of(Path.of("/usr/lib/cni")))
                .cacheDir(cache).timeout(Duration.ofSeconds(30))
                .plugin("macvlan", box.closeLater(new MacvlanPlugin(box.ns()))).build());

        // Multus' default-route: the pod's default through net5 only, added as Multus adds it (proto boot)
        assertThat(reference.routes()).contains("unicast default via 198.51.100.254 dev net5 proto boot scope global",
                "unicast 198.51.100.0/24 dev net5 proto kernel scope link src 198.51.100.10")
                .noneMatch(r -> r.contains("default via 192.0.2.1"));
        assertThat(reference.pod()).contains("net5 02:00:5e:00:53:0a 198.51.100.10/24")
                .containsPattern("net2 <mac> 203\\.0\\.113\\.2/24");
        assertThat(Json.object(("{\"s\":" + reference.status() + "}").getBytes(), "status").get("s"))
                .isEqualTo(List.of(
                        Map.of("name", "pods/macvlan-static", "interface", "net5", "ips", List.of("198.51.100.10"),
                                "mac", "02:00:5e:00:53:0a", "default", true, "dns", Map.of()),
                        Map.of("name", "pods/macvlan-pool", "interface", "net2", "ips", List.of("203.0.113.2"),
                                "mac", "<mac>", "default", false, "dns", Map.of())));
        assertThat(reference.leftAfterDetach()).isEmpty();
        assertThat(ours).isEqualTo(reference);
    }

    private static Run run(BiFunction<Sandbox, Path, CniRuntime> runtimeIn) throws Exception {
        try (Sandbox box = Sandbox.create()) {
            box.veth("jnlm0", "jnlm0p");
            NetNs pod = box.namespace("pod");
            String podName = box.name() + "-pod";
            String netns = "/run/netns/" + podName;
            box.veth(pod, "eth0", "eth0p");
            Command.check("ip", "-n", podName, "link", "set", "eth0", "up");
            Command.check("ip", "-n", podName, "addr", "add", "192.0.2.2/24", "dev", "eth0");
            Command.check("ip", "-n", podName, "route", "add", "default", "via", "192.0.2.1");
            Path data = box.directory("ipam");
            Map<String, NetworkAttachmentDefinition> definitions = Stream.of(STATIC_NAD,
                            POOL_NAD.replace("DATADIR", data.toString()))
                    .map(NetworkAttachmentDefinition::parse)
                    .collect(java.util.stream.Collectors.toMap(NetworkAttachmentDefinition::qualifiedName, n -> n));
            Path cache = box.directory("cache");
            CniRuntime runtime = runtimeIn.apply(box, cache);
            List<NetworkSelection> wanted = Multus.networks(ANNOTATION, "pods");

            List<Multus.AttachedNetwork> attached = Multus.attach(runtime, definitions, wanted, "pod1", netns);

            String addresses = Command.check("ip", "-n", podName, "-o", "-4", "addr", "show").lines()
                    .filter(l -> l.contains(" net"))
                    .map(l -> l.replaceAll("^\\d+: (\\S+)\\s+inet (\\S+).*", "$1 $2"))
                    .map(l -> l.split(" ")[0] + " " + mac(podName, l.split(" ")[0]) + " " + l.split(" ")[1])
                    .sorted().reduce("", (a, b) -> a + b + "\n");
            List<String> routes = IpShown.routes(podName);
            Map<String, Object> hostAttached = IpShown.namespace(box.name());
            String status = Multus.networkStatus(attached).replaceAll("\"" + realMac(podName, "net2") + "\"", "\"<mac>\"");

            Multus.detach(runtime, definitions, wanted, "pod1", netns);
            List<String> left = new java.util.ArrayList<>(Command.check("ip", "-n", podName, "-o", "link", "show")
                    .lines().filter(l -> l.contains(" net")).toList());
            try (Stream<Path> files = Files.walk(data)) {
                files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                        .filter(n -> !n.equals("lock") && !n.startsWith("last_reserved_ip"))
                        .forEach(n -> left.add("lease " + n));
            }
            try (Stream<Path> files = Files.walk(cache)) {
                files.filter(Files::isRegularFile).forEach(f -> left.add("cache " + f.getFileName()));
            }
            return new Run(status, addresses, routes, hostAttached, IpShown.namespace(podName),
                    IpShown.namespace(box.name()), left);
        }
    }

    /** The interface's MAC; net2's (random) as {@code <mac>}. */
    private static String mac(String podName, String ifName) {
        return ifName.equals("net2") ? "<mac>" : realMac(podName, ifName);
    }

    private static String realMac(String podName, String ifName) {
        return Command.check("ip", "-n", podName, "-o", "link", "show", ifName)
                .replaceAll("(?s).*link/ether (\\S+).*", "$1").strip();
    }
}
