package io.jnetlink.benchmarks;

import io.jnetlink.core.BatchResult;
import io.jnetlink.macvlan.Link;
import io.jnetlink.macvlan.Macvlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * jnetlink side by side with iproute2, in the same run on the same machine: each contender
 * creates {@code n} macvlans on an empty veth parent in a fresh sandbox namespace, then deletes
 * them; rounds interleave the contenders (the first round is a warm-up and not counted), and
 * the medians go into a table, a CSV and a PNG plot.
 * <p>
 * CPU per created link comes from a separate phase: {@code cpu-runs} more creations of {@code n}
 * links per contender, with the CPU time (user + system) of this process or of the {@code ip}
 * children over the whole phase. The kernel's work per link is the same for every tool and runs
 * in the requesting process, so the differences between tools are their own user-space costs.
 * (The kernel's user/system split is tick-sampled and too coarse for this.)
 * <p>
 * Arguments: {@code [--n 1000] [--rounds 7] [--cpu-runs 10] [--out benchmarks/results]
 * [--baseline other/benchmarks.jar [--baseline-label name]]}; with {@code --baseline}, another build
 * of jnetlink runs beside this one in the same rounds (see {@link BaselineJnetlink}). Needs root.
 */
public final class Compare {

    /** One way of creating and deleting links. */
    interface Contender {
        String tool();

        String mode();

        void create(BenchNamespace box, List<String> names) throws Exception;

        void delete(BenchNamespace box, List<String> names) throws Exception;

        /** Whether its CPU is spent in child processes rather than in this JVM. */
        default boolean external() {
            return false;
        }
    }

    /** Medians of one contender. */
    record Row(String tool, String mode, double createPerSecond, double deletePerSecond, double cpuMicrosPerLink) {
    }

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int n = Integer.parseInt(options.getOrDefault("n", "1000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
        int cpuRuns = Integer.parseInt(options.getOrDefault("cpu-runs", "10"));
        Path out = Path.of(options.getOrDefault("out", "benchmarks/results"));
        List<Contender> contenders = new ArrayList<>(List.of(new JnetlinkOneAtATime(), new JnetlinkBatched(128),
                new IpPerProcess(), new IpBatch()));
        if (options.containsKey("baseline")) {
            Path jar = Path.of(options.get("baseline"));
            String label = "(" + options.getOrDefault("baseline-label", "baseline") + ")";
            contenders.add(new BaselineJnetlink(jar, label, false));
            contenders.add(new BaselineJnetlink(jar, label, true));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("mv" + i);
        }
        Map<Contender, List<double[]>> samples = new LinkedHashMap<>();
        contenders.forEach(c -> samples.put(c, new ArrayList<>()));
        for (int round = 0; round <= rounds; round++) {
            for (int k = 0; k < contenders.size(); k++) {
                Contender c = contenders.get((k + round) % contenders.size()); // rotate who goes first
                double[] sample = measure(c, names);
                System.err.printf(Locale.ROOT, "%s %-9s %-34s create %7.0f/s  delete %8.1f/s%n",
                        round == 0 ? "warm-up" : "round " + round, c.tool(), c.mode(), sample[0], sample[1]);
                if (round > 0) {
                    samples.get(c).add(sample);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Contender c : contenders) {
            double cpu = cpuMicrosPerLink(c, names, c instanceof IpPerProcess ? 1 : cpuRuns);
            System.err.printf(Locale.ROOT, "cpu     %-9s %-34s %.1f us CPU/created link%n", c.tool(), c.mode(), cpu);
            rows.add(new Row(c.tool(), c.mode(), median(samples.get(c), 0), median(samples.get(c), 1), cpu));
        }
        Row reference = rows.stream().filter(r -> r.tool().equals("ip -batch")).findFirst().orElseThrow();
        String table = ResultTable.markdown(rows, reference, n, rounds);
        System.out.println(table);
        Files.createDirectories(out);
        Files.writeString(out.resolve("compare.md"), table);
        Files.writeString(out.resolve("compare.csv"), ResultTable.csv(rows));
        ResultChart.write(rows, n, out.resolve("compare.png"));
        System.out.println("wrote " + out.resolve("compare.md") + ", compare.csv, compare.png");
    }

    /** Create then delete in a fresh sandbox: {links created/s, links deleted/s}. */
    private static double[] measure(Contender c, List<String> names) throws Exception {
        try (BenchNamespace box = BenchNamespace.create()) {
            long start = System.nanoTime();
            c.create(box, names);
            long created = System.nanoTime();
            int count = box.rt().links().list().size() - 3; // lo, parent0, peer0
            if (count != names.size()) {
                throw new IllegalStateException(c.tool() + " " + c.mode() + " created " + count + " of "
                        + names.size());
            }
            long deleteStart = System.nanoTime();
            c.delete(box, names);
            long deleted = System.nanoTime();
            if (box.rt().links().list().size() != 3) {
                throw new IllegalStateException(c.tool() + " " + c.mode() + " left links behind");
            }
            double seconds = (created - start) / 1e9;
            double deleteSeconds = (deleted - deleteStart) / 1e9;
            return new double[] {names.size() / seconds, names.size() / deleteSeconds};
        }
    }

    /** CPU (this process, or the ip children) per created link over {@code runs} creations of n links. */
    private static double cpuMicrosPerLink(Contender c, List<String> names, int runs) throws Exception {
        long user = 0;
        for (int run = 0; run < runs; run++) {
            try (BenchNamespace box = BenchNamespace.create()) {
                long before = c.external() ? Rusage.childrenCpuNanos() : Rusage.selfCpuNanos();
                c.create(box, names);
                user += (c.external() ? Rusage.childrenCpuNanos() : Rusage.selfCpuNanos()) - before;
            }
        }
        return user / 1e3 / ((double) runs * names.size());
    }

    private static double median(List<double[]> samples, int column) {
        double[] values = samples.stream().mapToDouble(s -> s[column]).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --n, --rounds, --cpu-runs, --out, --baseline or --baseline-label, got "
                        + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** {@code Links.add} per link (parent looked up once, as ip -batch caches it), {@code Links.delete} per link. */
    static final class JnetlinkOneAtATime implements Contender {
        public String tool() {
            return "jnetlink";
        }

        public String mode() {
            return "one at a time";
        }

        public void create(BenchNamespace box, List<String> names) {
            Link parent = box.rt().links().require(BenchNamespace.PARENT);
            for (String name : names) {
                box.rt().links().add(Macvlan.of(name, BenchNamespace.PARENT), parent);
            }
        }

        public void delete(BenchNamespace box, List<String> names) {
            for (String name : names) {
                box.rt().links().delete(name);
            }
        }
    }

    /** {@code Links.createAll} with {@code perSend} requests per sendmsg; {@code Links.deleteAll} (link group). */
    record JnetlinkBatched(int perSend) implements Contender {
        public String tool() {
            return "jnetlink";
        }

        public String mode() {
            return "batched " + perSend + "/sendmsg, bulk delete";
        }

        public void create(BenchNamespace box, List<String> names) {
            List<Macvlan> specs = names.stream().map(n -> Macvlan.of(n, BenchNamespace.PARENT)).toList();
            check(box.rt().bulk().createAll(specs, perSend));
        }

        public void delete(BenchNamespace box, List<String> names) {
            check(box.rt().bulk().deleteAll(names));
        }

        private static void check(BatchResult result) {
            if (!result.allSucceeded()) {
                throw new IllegalStateException(result.failures().toString());
            }
        }
    }

    /** {@code ip link add} / {@code ip link del}, one process per link. */
    static final class IpPerProcess implements Contender {
        public String tool() {
            return "ip";
        }

        public String mode() {
            return "one process per link";
        }

        public boolean external() {
            return true;
        }

        public void create(BenchNamespace box, List<String> names) throws Exception {
            for (String name : names) {
                ip(box, "link", "add", "link", BenchNamespace.PARENT, "name", name, "type", "macvlan", "mode",
                        "bridge");
            }
        }

        public void delete(BenchNamespace box, List<String> names) throws Exception {
            for (String name : names) {
                ip(box, "link", "del", name);
            }
        }
    }

    /** {@code ip -batch} with one line per link. */
    static final class IpBatch implements Contender {
        public String tool() {
            return "ip -batch";
        }

        public String mode() {
            return "N lines";
        }

        public boolean external() {
            return true;
        }

        public void create(BenchNamespace box, List<String> names) throws Exception {
            batch(box, names,
                    n -> "link add link " + BenchNamespace.PARENT + " name " + n + " type macvlan mode bridge");
        }

        public void delete(BenchNamespace box, List<String> names) throws Exception {
            batch(box, names, n -> "link del " + n);
        }

        private static void batch(BenchNamespace box, List<String> names,
                                  java.util.function.Function<String, String> line) throws Exception {
            Path file = Files.createTempFile("jnltest-batch", ".ip");
            try {
                Files.write(file, names.stream().map(line).toList());
                ip(box, "-batch", file.toString());
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void ip(BenchNamespace box, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", box.name()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
        }
    }
}
