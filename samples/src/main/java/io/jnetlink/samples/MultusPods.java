package io.jnetlink.samples;

import io.jnetlink.cni.libcni.CniRuntime;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.multus.Multus;
import io.jnetlink.cni.multus.NetworkAttachmentDefinition;
import io.jnetlink.cni.multus.NetworkSelection;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Ping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scenario 10: the notes' Multus set-up. The NetworkAttachmentDefinition {@code macvlan0} (the
 * notes' YAML, with documentation addresses) and two "pods" whose annotation
 * {@code k8s.v1.cni.cncf.io/networks: kube-system/macvlan0} asks for it: the CNI runtime attaches
 * {@code net1} to each with the macvlan plugin (in process) and host-local, the pods ping each
 * other over {@code net1}, the network-status annotation is produced, and deleting the pods'
 * attachments leaves no interface, lease or cache file.
 */
public final class MultusPods implements Scenario<MultusPods.Observation> {

    /** The notes' definition; only the addresses (documentation ones) and the data directory differ. */
    static final String NAD = """
            apiVersion: "k8s.cni.cncf.io/v1"
            kind: NetworkAttachmentDefinition
            metadata:
              name: macvlan0
              namespace: kube-system
            spec:
              config: '{
                "cniVersion": "0.3.0",
                "type": "macvlan",
                "master": "eth0",
                "mode": "bridge",
                "ipam": {
                      "type": "host-local",
                      "subnet": "198.51.100.0/24",
                      "rangeStart": "198.51.100.101",
                      "rangeEnd": "198.51.100.200",
                      "routes": [
                        { "dst": "0.0.0.0/0" }
                      ],
                      "gateway": "198.51.100.254",
                      "dataDir": "DATADIR"
                 }
              }'
            """;

    /** Each pod's network-status, pod 1 reaching pod 2 over net1, and what was left after deletion. */
    public record Observation(String status1, String status2, String pod2Address, boolean pod1ToPod2,
                              List<String> leftAfterDelete) {
    }

    /** Runs the scenario and prints pod 1's {@code k8s.v1.cni.cncf.io/network-status} annotation. */
    public static void main(String[] args) throws Exception {
        MultusPods scenario = new MultusPods();
        Observation o;
        try (Lab lab = Lab.open()) {
            o = scenario.observe(lab);
        }
        System.out.println(scenario.title() + ": " + scenario.claim());
        System.out.println("pod1 " + Multus.NETWORK_STATUS + ": " + o.status1());
        System.out.println("  observed: " + scenario.describe(o) + " -> " + (scenario.holds(o) ? "PASS" : "FAIL"));
        if (!scenario.holds(o)) {
            System.exit(1);
        }
    }

    @Override
    public String title() {
        return "10 multus pods";
    }

    @Override
    public String claim() {
        return "a pod annotation adds net1 from the notes' NAD macvlan0";
    }

    @Override
    public Observation observe(Lab lab) throws Exception {
        Lab.Segment segment = lab.segment(null);
        Path data = lab.directory("ipam");
        Path cache = lab.directory("cni-cache");
        NetworkAttachmentDefinition nad = NetworkAttachmentDefinition.parse(NAD.replace("DATADIR", data.toString()));
        Map<String, NetworkAttachmentDefinition> definitions = Map.of(nad.qualifiedName(), nad);
        CniRuntime runtime = CniRuntime.builder().pluginPath(List.of(Path.of("/opt/cni/bin"))).cacheDir(cache)
                .plugin("macvlan", lab.closeLater(new MacvlanPlugin(segment.host()))).build();
        // pod annotation  k8s.v1.cni.cncf.io/networks: kube-system/macvlan0
        List<NetworkSelection> wanted = Multus.networks("kube-system/macvlan0", "default");
        NetNs pod1 = lab.namespace("pod1");
        NetNs pod2 = lab.namespace("pod2");
        String path1 = "/run/netns/" + pod1.description();
        String path2 = "/run/netns/" + pod2.description();
        List<Multus.AttachedNetwork> on1 = Multus.attach(runtime, definitions, wanted, "pod1", path1);
        List<Multus.AttachedNetwork> on2 = Multus.attach(runtime, definitions, wanted, "pod2", path2);
        String pod2Address = InetAddresses.text(on2.getFirst().result().ips().getFirst().address().address());
        boolean reach = Ping.answers(pod1, pod2Address);
        String status1 = Multus.networkStatus(on1);
        String status2 = Multus.networkStatus(on2);
        Multus.detach(runtime, definitions, wanted, "pod1", path1);
        Multus.detach(runtime, definitions, wanted, "pod2", path2);
        return new Observation(status1, status2, pod2Address, reach, leftovers(pod1, pod2, data, cache));
    }

    /** What deletion left: a net1 in a pod, a lease file, a cache file. */
    private static List<String> leftovers(NetNs pod1, NetNs pod2, Path data, Path cache) throws IOException {
        List<String> left = new java.util.ArrayList<>();
        for (NetNs pod : List.of(pod1, pod2)) {
            try (RtNetlink rt = RtNetlink.open(pod)) {
                if (rt.links().get("net1").isPresent()) {
                    left.add(pod.description() + ": net1");
                }
            }
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(name -> !name.equals("lock") && !name.startsWith("last_reserved_ip"))
                    .forEach(name -> left.add("lease " + name));
        }
        try (Stream<Path> files = Files.walk(cache)) {
            files.filter(Files::isRegularFile).forEach(f -> left.add("cache " + f.getFileName()));
        }
        return left;
    }

    @Override
    public String describe(Observation o) {
        return "pod1 -> pod2 " + o.pod2Address() + " " + Ping.reply(o.pod1ToPod2()) + ", del: "
                + (o.leftAfterDelete().isEmpty() ? "nothing left" : o.leftAfterDelete() + " left");
    }

    @Override
    public boolean holds(Observation o) {
        return o.pod1ToPod2() && o.status1().contains("\"interface\" : \"net1\"")
                && o.status2().contains("kube-system/macvlan0") && o.leftAfterDelete().isEmpty();
    }
}
