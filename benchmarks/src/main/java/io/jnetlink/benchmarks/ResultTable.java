package io.jnetlink.benchmarks;

import java.util.List;
import java.util.Locale;

/** The comparison as a Markdown table and as CSV. */
final class ResultTable {

    private ResultTable() {
    }

    static String markdown(List<Compare.Row> rows, Compare.Row reference, int n, int rounds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d macvlans per run, median of %d interleaved rounds%n%n", n, rounds));
        s.append("| tool | mode | create links/s | delete links/s | create vs ip -batch | delete vs ip -batch "
                + "| CPU µs/created link (user+sys) |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Compare.Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.1f | %.2fx | %.2fx | %.1f |%n", r.tool(),
                    r.mode(), r.createPerSecond(), r.deletePerSecond(),
                    r.createPerSecond() / reference.createPerSecond(),
                    r.deletePerSecond() / reference.deletePerSecond(), r.cpuMicrosPerLink()));
        }
        return s.toString();
    }

    static String csv(List<Compare.Row> rows) {
        StringBuilder s = new StringBuilder("tool,mode,create_per_s,delete_per_s,cpu_us_per_link\n");
        for (Compare.Row r : rows) {
            s.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.2f,%.2f%n", r.tool(), r.mode(), r.createPerSecond(),
                    r.deletePerSecond(), r.cpuMicrosPerLink()));
        }
        return s.toString();
    }
}
