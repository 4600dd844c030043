package io.jnetlink.benchmarks;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JMH JSON results of several runs side by side, as a Markdown table: per benchmark, each run's
 * score with its error and the bytes allocated per operation. Arguments: {@code label=result.json}...
 */
public final class JmhTable {

    private JmhTable() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        StringBuilder header = new StringBuilder("| benchmark |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String arg : args) {
            String label = arg.substring(0, arg.indexOf('='));
            header.append(' ').append(label).append(" |");
            rule.append("---:|");
            for (Object o : JSON.std.listFrom(Files.readString(Path.of(arg.substring(arg.indexOf('=') + 1))))) {
                Map<?, ?> result = (Map<?, ?>) o;
                String name = String.valueOf(result.get("benchmark")).replaceFirst(".*\\.(\\w+\\.\\w+)$", "$1");
                rows.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(label, cell(result));
            }
        }
        StringBuilder s = new StringBuilder(header).append('\n').append(rule).append('\n');
        rows.forEach((name, cells) -> {
            s.append("| ").append(name).append(" |");
            for (String arg : args) {
                s.append(' ').append(cells.getOrDefault(arg.substring(0, arg.indexOf('=')), "")).append(" |");
            }
            s.append('\n');
        });
        System.out.print(s);
    }

    private static String cell(Map<?, ?> result) {
        Map<?, ?> primary = (Map<?, ?>) result.get("primaryMetric");
        String text = String.format(Locale.ROOT, "%.3f ± %.3f %s", number(primary.get("score")),
                number(primary.get("scoreError")), primary.get("scoreUnit"));
        if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary
                && secondary.get("gc.alloc.rate.norm") instanceof Map<?, ?> alloc) {
            text += String.format(Locale.ROOT, ", %.1f B/op", number(alloc.get("score")));
        }
        return text;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

}
