package io.jnetlink.benchmarks;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.plugins.macvlan.MacvlanPlugin;
import io.jnetlink.testkit.Sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CNI ADD+DEL latency, side by side in one run on the same sandbox set-up: the reference
 * executable ({@code /usr/lib/cni/macvlan}), ours as an executable ({@code cni/target/bin/macvlan})
 * and ours in process ({@link MacvlanPlugin}), after 5 unmeasured pairs as the others and again
 * after 1,000 more (its steady state in a long-running runtime). Each pair is an ADD of a macvlan
 * with host-local IPAM into a container namespace and its DEL. The executables are run as a runtime runs them,
 * with {@code ip netns exec} into the host namespace; that wrapper's own cost is measured too.
 * Arguments: {@code [--pairs 200] [--out benchmarks/results]}. Needs root.
 */
public final class CniLatency {

    private static final Path REFERENCE = Path.of("/usr/lib/cni/macvlan");
    private static final Path OURS = Path.of("cni/target/bin/macvlan").toAbsolutePath();
    /** Pairs run before the warm in-process row: a runtime that has been up a while, its code compiled. */
    private static final int WARM_PAIRS = 1_000;

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
            MacvlanPlugin plugin = new MacvlanPlugin(box.ns());
            CniArgs add = new CniArgs("bench", container, "eth0", "", "/usr/lib/cni");
            CniArgs del = new CniArgs("bench", container, "eth0", "", "/usr/lib/cni");
            List<String> rows = new ArrayList<>();
            rows.add(row("`ip netns exec` alone (wrapper)", measure(pairs, () -> exec(List.of("ip", "netns", "exec",
                    box.name(), "true"), stdin), () -> { })));
            rows.add(row("reference executable", measure(pairs, () -> call(box, REFERENCE, "ADD", container, stdin),
                    () -> call(box, REFERENCE, "DEL", container, stdin))));
            rows.add(row("jnetlink executable", measure(pairs, () -> call(box, OURS, "ADD", container, stdin),
                    () -> call(box, OURS, "DEL", container, stdin))));
            rows.add(row("jnetlink in process", measure(pairs, () -> plugin.add(add, stdin),
                    () -> plugin.del(del, stdin))));
            rows.add(row("jnetlink in process, warm (" + WARM_PAIRS + " more pairs first)",
                    measure(WARM_PAIRS, pairs, () -> plugin.add(add, stdin), () -> plugin.del(del, stdin))));
            String table = "CNI ADD + DEL, " + pairs + " pairs each, ms\n\n"
                    + "| implementation | ADD median | ADD p99 | DEL median | DEL p99 | ADD+DEL median |\n"
                    + "|---|---:|---:|---:|---:|---:|\n" + String.join("\n", rows) + "\n";
            System.out.println(table);
            Files.createDirectories(out);
            Files.writeString(out.resolve("cni-latency.md"), table);
        }
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** {ADD times, DEL times} in nanoseconds, after a few unmeasured pairs. */
    private static long[][] measure(int pairs, Step add, Step del) throws Exception {
        return measure(5, pairs, add, del);
    }

    /** {ADD times, DEL times} in nanoseconds, after {@code unmeasured} pairs. */
    private static long[][] measure(int unmeasured, int pairs, Step add, Step del) throws Exception {
        for (int i = 0; i < unmeasured; i++) {
            add.run();
            del.run();
        }
        long[] adds = new long[pairs];
        long[] dels = new long[pairs];
        for (int i = 0; i < pairs; i++) {
            long t0 = System.nanoTime();
            add.run();
            long t1 = System.nanoTime();
            del.run();
            long t2 = System.nanoTime();
            adds[i] = t1 - t0;
            dels[i] = t2 - t1;
        }
        return new long[][] {adds, dels};
    }

    private static String row(String name, long[][] samples) {
        long[] sums = new long[samples[0].length];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = samples[0][i] + samples[1][i];
        }
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |", name,
                percentile(samples[0], 50), percentile(samples[0], 99), percentile(samples[1], 50),
                percentile(samples[1], 99), percentile(sums, 50));
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void call(Sandbox box, Path plugin, String command, String container, byte[] stdin)
            throws Exception {
        exec(List.of("ip", "netns", "exec", box.name(), "env", "-i", "CNI_COMMAND=" + command, "CNI_CONTAINERID=bench",
                "CNI_NETNS=" + container, "CNI_IFNAME=eth0", "CNI_PATH=/usr/lib/cni", plugin.toString()), stdin);
    }

    private static void exec(List<String> command, byte[] stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException exitedWithoutReading) {
            // `true` does not read its stdin; its exit status tells
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
