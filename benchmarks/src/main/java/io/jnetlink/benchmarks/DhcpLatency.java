package io.jnetlink.benchmarks;

import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.ipam.dhcp.DhcpRenewer;
import io.jnetlink.testkit.DhcpServer;
import io.jnetlink.testkit.ReferenceDhcpDaemon;
import io.jnetlink.testkit.Sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CNI ADD+DEL latency of a macvlan with {@code dhcp} IPAM, side by side in one run against one ISC
 * dhcpd in a sandbox (it answers at once: no ping check): the reference macvlan with the reference
 * {@code dhcp} plugin and its daemon ({@code /usr/lib/cni/dhcp daemon -broadcast}); ours as a node
 * runs it, the shim {@code cni/target/bin/macvlan} with the daemon; ours in process
 * ({@link MacvlanPlugin} with a {@link DhcpRenewer} in this JVM). A pair of each in turn, after 3
 * unmeasured pairs of each. Arguments: {@code [--pairs 20] [--out benchmarks/results]}. Needs root,
 * the reference plugins and isc-dhcp-server.
 */
public final class DhcpLatency {

    private static final Path REFERENCE = Path.of("/usr/lib/cni/macvlan");
    private static final Path SHIM = Path.of("cni/target/bin/macvlan").toAbsolutePath();

    private DhcpLatency() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length >= 2 && args[0].equals("--pairs") ? Integer.parseInt(args[1]) : 20;
        Path out = Path.of(args.length >= 4 && args[2].equals("--out") ? args[3] : "benchmarks/results");
        try (Sandbox box = Sandbox.create()) {
            String serverNs = DhcpServer.lan(box, "parent0");
            for (String role : List.of("ref", "shim", "inproc")) {
                box.namespace(role);
            }
            box.closeLater(DhcpServer.start(serverNs, DhcpServer.SERVER_INTERFACE, box.directory("dhcpd"), 600, ""));
            ReferenceDhcpDaemon referenceDaemon = box.closeLater(ReferenceDhcpDaemon.start(box.name(),
                    box.directory("refdhcp").resolve("dhcp.sock")));
            String config = """
                    {"cniVersion":"1.0.0","name":"bench-dhcp","type":"macvlan","master":"parent0",
                     "ipam":{"type":"dhcp","daemonSocketPath":"%s","request":[{"option":"121"}]}}"""
                    .formatted(referenceDaemon.socket());
            byte[] stdin = config.getBytes(StandardCharsets.UTF_8);
            NodeRuntime node = box.closeLater(new NodeRuntime(box.ns()));
            DhcpRenewer renewer = box.closeLater(DhcpRenewer.start(box.directory("leases")));
            MacvlanPlugin plugin = box.closeLater(new MacvlanPlugin(box.ns()));
            CniArgs inProcess = new CniArgs("bench-inproc", "/run/netns/" + box.name() + "-inproc", "eth0", "",
                    "/usr/lib/cni");
            long[][][] times;
            try (NodeDaemon daemon = NodeDaemon.startIn(box.name())) {
                String socket = daemon.socket().toString();
                String ref = "/run/netns/" + box.name() + "-ref";
                String shim = "/run/netns/" + box.name() + "-shim";
                times = CniLatency.measureInTurn(3, pairs,
                        new CniLatency.Step[] {
                                () -> CniLatency.call(node, REFERENCE, "", "ADD", "bench-ref", ref, stdin),
                                () -> CniLatency.call(node, SHIM, socket, "ADD", "bench-shim", shim, stdin),
                                () -> plugin.add(inProcess, stdin)},
                        new CniLatency.Step[] {
                                () -> CniLatency.call(node, REFERENCE, "", "DEL", "bench-ref", ref, stdin),
                                () -> CniLatency.call(node, SHIM, socket, "DEL", "bench-shim", shim, stdin),
                                () -> plugin.del(inProcess, stdin)});
            }
            List<LatencyRow> rows = new ArrayList<>(List.of(
                    LatencyRow.of("reference macvlan + dhcp (its daemon)", times[0]),
                    LatencyRow.of("jnetlink shim + daemon", times[1]),
                    LatencyRow.of("jnetlink in process", times[2])));
            String table = "CNI ADD + DEL with dhcp IPAM (ISC dhcpd answering at once), " + pairs
                    + " pairs each, a pair of each in turn, ms\n\n" + LatencyRow.HEADER + "\n"
                    + String.join("\n", rows.stream().map(LatencyRow::markdown).toList()) + "\n\n"
                    + String.format(Locale.ROOT, "ADD, median: jnetlink shim + daemon %.0fx faster than the reference.%n",
                    rows.get(0).addMedian() / rows.get(1).addMedian());
            System.out.println(table);
            Files.createDirectories(out);
            Files.writeString(out.resolve("dhcp-latency.md"), table);
        }
    }
}
