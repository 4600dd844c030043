package io.jnetlink.benchmarks;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.testkit.Sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CNI ADD+DEL latency, side by side in one run on the same sandbox set-up: the reference
 * executable ({@code /usr/lib/cni/macvlan}); ours as a node runs it, the shim
 * {@code cni/target/bin/macvlan} with the daemon ({@code cni/target/bin/cni-daemon}, started here
 * and stopped by pid) and without one (the shim runs the JVM executable); the JVM executable
 * alone ({@code cni/target/jvm/macvlan}; these two a pair of each in turn); and ours in process ({@link MacvlanPlugin}), after 5 unmeasured pairs as the others and again
 * after 6,000 more (its steady state in a long-running runtime). Each pair is an ADD of a macvlan
 * with host-local IPAM into a container namespace and its DEL. The executables are run as a runtime runs them
 * ({@link NodeRuntime}: started straight from the host namespace, the environment only the
 * {@code CNI_*} variables); a process that does nothing ({@code /bin/true}) is measured too. A
 * second table gives ADD+DEL pairs per second of the reference and of the shim with the daemon
 * with 1, 4 and 16 callers at once, each with a container of its own. After the warm in-process
 * row, as many warm pairs again run under a JFR recording of the library's netlink exchanges,
 * which gives the kernel's time in each ADD ({@link KernelShare}; the recording itself slows an
 * ADD, so the row's times are taken without it); a line under the table compares the warm ADD
 * with the reference's and with that kernel time.
 * Arguments: {@code [--pairs 200] [--out benchmarks/results]}. Needs root.
 */
public final class CniLatency {

    private static final Path REFERENCE = Path.of("/usr/lib/cni/macvlan");
    /** The shim a node installs: to the daemon, or (with no daemon) exec'ing the JVM executable. */
    private static final Path SHIM = Path.of("cni/target/bin/macvlan").toAbsolutePath();
    /** The JVM executable itself, as {@code cni/target/bin/macvlan} was before the shim. */
    private static final Path JVM = Path.of("cni/target/jvm/macvlan").toAbsolutePath();
    /** Callers at once in the pairs-per-second table. */
    private static final int[] CALLERS = {1, 4, 16};
    /**
     * Pairs run before the warm in-process row: a runtime that has been up a while, its code
     * compiled. C2 is still compiling the path after 1,000 pairs (ADD 1.5 ms then) and after 3,000
     * (40 level-4 compilations during the next 1,000 pairs, 2.7 s of the other core of 2); after
     * 6,000, a dozen small ones.
     */
    private static final int WARM_PAIRS = 6_000;

    private CniLatency() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length >= 2 && args[0].equals("--pairs") ? Integer.parseInt(args[1]) : 200;
        Path out = Path.of(args.length >= 4 && args[2].equals("--out") ? args[3] : "benchmarks/results");
        try (Sandbox box = Sandbox.create()) {
            box.veth("eth0", "eth0p");
            box.namespace("c");
            String container = "/run/netns/" + box.name() + "-c";
            Path dataDir = box.directory("ipam");
            String config = """
                    {"cniVersion":"1.0.0","name":"bench","type":"macvlan","master":"eth0","mode":"bridge",
                     "ipam":{"type":"host-local","subnet":"198.51.100.0/24","routes":[{"dst":"0.0.0.0/0"}],
                             "dataDir":"%s"}}""".formatted(dataDir);
            byte[] stdin = config.getBytes(StandardCharsets.UTF_8);
            MacvlanPlugin plugin = box.closeLater(new MacvlanPlugin(box.ns()));
            NodeRuntime node = box.closeLater(new NodeRuntime(box.ns()));
            CniArgs add = new CniArgs("bench", container, "eth0", "", "/usr/lib/cni");
            CniArgs del = new CniArgs("bench", container, "eth0", "", "/usr/lib/cni");
            List<LatencyRow> rows = new ArrayList<>();
            rows.add(LatencyRow.of("`/bin/true` (starting any process)", measure(pairs,
                    () -> node.run(List.of("/bin/true"), Map.of(), stdin), () -> { })));
            LatencyRow reference = LatencyRow.of("reference executable", measure(pairs,
                    () -> call(node, REFERENCE, "", "ADD", "bench", container, stdin),
                    () -> call(node, REFERENCE, "", "DEL", "bench", container, stdin)));
            rows.add(reference);
            for (int i = 0; i < CALLERS[CALLERS.length - 1]; i++) {
                box.namespace("p" + i);
            }
            List<String> rates = new ArrayList<>();
            rates.add(rates("reference executable", box, node, REFERENCE, "", stdin));
            String absent = "/tmp/jnltest-no-daemon/cni.sock";
            try (NodeDaemon daemon = NodeDaemon.startIn(box.name())) {
                String socket = daemon.socket().toString();
                rows.add(LatencyRow.of("jnetlink shim + daemon", measure(pairs,
                        () -> call(node, SHIM, socket, "ADD", "bench", container, stdin),
                        () -> call(node, SHIM, socket, "DEL", "bench", container, stdin))));
                rates.add(rates("jnetlink shim + daemon", box, node, SHIM, socket, stdin));
            }
            // these two, a pair of each in turn: what one gains or loses against the other is not the run's drift
            long[][][] fallback = measureInTurn(5, pairs,
                    new Step[] {() -> call(node, SHIM, absent, "ADD", "bench", container, stdin),
                            () -> call(node, JVM, absent, "ADD", "bench", container, stdin)},
                    new Step[] {() -> call(node, SHIM, absent, "DEL", "bench", container, stdin),
                            () -> call(node, JVM, absent, "DEL", "bench", container, stdin)});
            rows.add(LatencyRow.of("jnetlink shim, no daemon (runs the JVM executable)", fallback[0]));
            rows.add(LatencyRow.of("jnetlink JVM executable alone (the executable before the shim)", fallback[1]));
            String paired = String.format(Locale.ROOT, "The shim's fallback against the JVM executable alone, paired"
                    + " (a pair of each in turn): median difference %+.2f ms per ADD, %+.2f ms per ADD+DEL pair"
                    + " (negative: the fallback faster); faster in %d of %d pairs.%n%n",
                    medianDifference(fallback[0][0], fallback[1][0]),
                    medianDifference(LatencyRow.sums(fallback[0][0], fallback[0][1]),
                            LatencyRow.sums(fallback[1][0], fallback[1][1])),
                    fasterCount(LatencyRow.sums(fallback[0][0], fallback[0][1]),
                            LatencyRow.sums(fallback[1][0], fallback[1][1])), pairs);
            rows.add(LatencyRow.of("jnetlink in process", measure(pairs, () -> plugin.add(add, stdin),
                    () -> plugin.del(del, stdin))));
            LatencyRow warm = LatencyRow.of("jnetlink in process, warm (" + WARM_PAIRS + " more pairs first)",
                    measure(WARM_PAIRS, pairs, () -> plugin.add(add, stdin), () -> plugin.del(del, stdin)));
            long[][] recorded;
            try (KernelShare kernel = KernelShare.start()) { // as many pairs again, under the recording
                recorded = measure(0, pairs, kernel.around(() -> plugin.add(add, stdin)), () -> plugin.del(del, stdin));
                warm = warm.withKernel(kernel.perAdd());
            }
            rows.add(warm);
            String table = "CNI ADD + DEL, " + pairs + " pairs each, ms\n\n" + LatencyRow.HEADER + "\n"
                    + String.join("\n", rows.stream().map(LatencyRow::markdown).toList()) + "\n\n"
                    + String.format(Locale.ROOT, "Warm in-process ADD: %.1fx faster than the reference executable's"
                            + " ADD, %.1fx the kernel's time on its netlink requests (io.jnetlink.NetlinkExchange events"
                            + " summed per ADD, median, from a JFR recording of %d more warm pairs, whose ADDs took"
                            + " %.2f ms under the recording).%n%n", reference.addMedian() / warm.addMedian(),
                            warm.addMedian() / warm.kernelMedian(), pairs, LatencyRow.percentile(recorded[0], 50))
                    + paired + "ADD+DEL pairs per second, callers at once (each its own container), "
                    + RATE_SECONDS + " s per cell\n\n"
                    + "| implementation | 1 caller | 4 callers | 16 callers |\n|---|---:|---:|---:|\n"
                    + String.join("\n", rates) + "\n";
            System.out.println(table);
            Files.createDirectories(out);
            Files.writeString(out.resolve("cni-latency.md"), table);
        }
    }

    /** The median of {@code a[i] - b[i]}, ms: a paired comparison, robust to the run's drift. */
    static double medianDifference(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return LatencyRow.percentile(d, 50);
    }

    /** How many {@code a[i]} are below {@code b[i]}. */
    static int fasterCount(long[] a, long[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] < b[i] ? 1 : 0;
        }
        return n;
    }

    /** One ADD or DEL. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** {ADD times, DEL times} in nanoseconds, after a few unmeasured pairs. */
    private static long[][] measure(int pairs, Step add, Step del) throws Exception {
        return measure(5, pairs, add, del);
    }

    /** {ADD times, DEL times} in nanoseconds, after {@code unmeasured} pairs. */
    static long[][] measure(int unmeasured, int pairs, Step add, Step del) throws Exception {
        return measureInTurn(unmeasured, pairs, new Step[] {add}, new Step[] {del})[0];
    }

    /**
     * For each implementation {@code i}, {ADD times, DEL times} in nanoseconds, a pair of each
     * implementation in turn (after {@code unmeasured} pairs of each).
     */
    static long[][][] measureInTurn(int unmeasured, int pairs, Step[] adds, Step[] dels) throws Exception {
        for (int i = 0; i < unmeasured; i++) {
            for (int k = 0; k < adds.length; k++) {
                adds[k].run();
                dels[k].run();
            }
        }
        long[][][] times = new long[adds.length][2][pairs];
        for (int i = 0; i < pairs; i++) {
            for (int k = 0; k < adds.length; k++) {
                long t0 = System.nanoTime();
                adds[k].run();
                long t1 = System.nanoTime();
                dels[k].run();
                times[k][0][i] = t1 - t0;
                times[k][1][i] = System.nanoTime() - t1;
            }
        }
        return times;
    }

    /** Seconds each cell of the pairs-per-second table runs. */
    private static final double RATE_SECONDS = 5;

    /** A row of ADD+DEL pairs per second with 1, 4 and 16 callers, each in container namespace {@code p<i>}. */
    private static String rates(String name, Sandbox box, NodeRuntime node, Path plugin, String socket, byte[] stdin)
            throws Exception {
        StringBuilder row = new StringBuilder("| " + name + " |");
        for (int callers : CALLERS) {
            double rate = ConcurrentPairs.rate(callers, RATE_SECONDS, i -> {
                String container = "/run/netns/" + box.name() + "-p" + i;
                call(node, plugin, socket, "ADD", "bench-" + i, container, stdin);
                call(node, plugin, socket, "DEL", "bench-" + i, container, stdin);
            });
            row.append(String.format(Locale.ROOT, " %.1f |", rate));
        }
        return row.toString();
    }

    /** One call as a runtime makes it: the plugin started in the host namespace with only the {@code CNI_*} variables. */
    static void call(NodeRuntime node, Path plugin, String socket, String command, String containerId,
                             String container, byte[] stdin) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(Map.of("CNI_COMMAND", command,
                "CNI_CONTAINERID", containerId, "CNI_NETNS", container, "CNI_IFNAME", "eth0",
                "CNI_PATH", "/usr/lib/cni"));
        if (!socket.isEmpty()) {
            environment.put("JNETLINK_CNI_SOCKET", socket);
        }
        node.run(List.of(plugin.toString()), environment, stdin);
    }
}
