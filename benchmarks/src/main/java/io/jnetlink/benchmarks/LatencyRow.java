package io.jnetlink.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * One row of the CNI latency table: an implementation's ADD and DEL times, in nanoseconds, and,
 * where it was recorded, the kernel's time in each ADD ({@link KernelShare}).
 *
 * @param name   the implementation, as the table names it
 * @param adds   each ADD's time
 * @param dels   each DEL's time, after its ADD
 * @param kernel the kernel's time in each ADD, or null where not recorded
 */
record LatencyRow(String name, long[] adds, long[] dels, long[] kernel) {

    /** The table's header and its alignment line, for {@link #markdown()} rows. */
    static final String HEADER = "| implementation | ADD median | ADD p99 | DEL median | DEL p99 | ADD+DEL median "
            + "| kernel in ADD, median |\n|---|---:|---:|---:|---:|---:|---:|";

    /** A row of {ADD times, DEL times}, as {@code CniLatency.measure} returns them. */
    static LatencyRow of(String name, long[][] samples) {
        return new LatencyRow(name, samples[0], samples[1], null);
    }

    /** This row with the kernel's time in each ADD. */
    LatencyRow withKernel(long[] perAdd) {
        return new LatencyRow(name, adds, dels, perAdd);
    }

    /** The median ADD, ms. */
    double addMedian() {
        return percentile(adds, 50);
    }

    /** The median of the kernel's time in an ADD, ms. */
    double kernelMedian() {
        return percentile(kernel, 50);
    }

    /** The row in milliseconds, the kernel's column empty where it was not recorded. */
    String markdown() {
        long[] sums = sums(adds, dels);
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %s |", name, addMedian(),
                percentile(adds, 99), percentile(dels, 50), percentile(dels, 99), percentile(sums, 50),
                kernel == null ? "" : String.format(Locale.ROOT, "%.2f", kernelMedian()));
    }

    /** Each pair's ADD+DEL. */
    static long[] sums(long[] adds, long[] dels) {
        long[] sums = new long[adds.length];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = adds[i] + dels[i];
        }
        return sums;
    }

    /** The {@code p}th percentile of {@code nanos}, ms. */
    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
