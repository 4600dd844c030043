package io.jnetlink.cni.plugins.daemon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the daemon has served, for its {@code stats} request: per plugin and command the calls,
 * the failed ones and latency percentiles (of the last {@value #WINDOW} calls), and counts of what
 * it answered without a plugin (refused callers, malformed or oversized requests, timeouts,
 * rollbacks of ADDs whose caller never got the answer). Thread-safe.
 */
final class DaemonStats {

    static final int WINDOW = 1024;

    private final Instant since = Instant.now();
    private final Map<String, Series> series = new TreeMap<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<Event, AtomicLong> events = new EnumMap<>(Event.class);

    /** What happened beside plugin calls, each counted under its JSON name. */
    enum Event {
        REFUSED("refused"), MALFORMED("malformed"), TOO_LARGE("tooLarge"), NOT_SERVED("notServed"),
        TIMED_OUT("timedOut"), UNDELIVERED("undelivered"), ROLLED_BACK("rolledBack"),
        ROLLBACK_FAILED("rollbackFailed");

        private final String jsonName;

        Event(String jsonName) {
            this.jsonName = jsonName;
        }
    }

    DaemonStats() {
        for (Event e : Event.values()) {
            events.put(e, new AtomicLong());
        }
    }

    void started() {
        inFlight.incrementAndGet();
    }

    /** A call of {@code plugin} with {@code command} ended with {@code exitCode} after {@code nanos}. */
    void finished(String plugin, String command, int exitCode, long nanos) {
        inFlight.decrementAndGet();
        Series s;
        synchronized (series) {
            s = series.computeIfAbsent(plugin + " " + command, k -> new Series(plugin, command));
        }
        s.add(exitCode, nanos);
    }

    void count(Event event) {
        events.get(event).incrementAndGet();
    }

    /** As the {@code stats} request answers: a JSON object. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("since", since.toString());
        json.put("inFlight", inFlight.get());
        List<Object> calls = new ArrayList<>();
        synchronized (series) {
            for (Series s : series.values()) {
                calls.add(s.toJson());
            }
        }
        json.put("calls", calls);
        Map<String, Object> other = new LinkedHashMap<>();
        events.forEach((event, count) -> other.put(event.jsonName, count.get()));
        json.put("events", other);
        return json;
    }

    /** One plugin and command: counts, and the latencies of the last {@value #WINDOW} calls. */
    private static final class Series {
        private final String plugin;
        private final String command;
        private final long[] window = new long[WINDOW];
        private long calls;
        private long failed;

        Series(String plugin, String command) {
            this.plugin = plugin;
            this.command = command;
        }

        synchronized void add(int exitCode, long nanos) {
            window[(int) (calls % WINDOW)] = nanos;
            calls++;
            if (exitCode != 0) {
                failed++;
            }
        }

        synchronized long calls() {
            return calls;
        }

        synchronized Map<String, Object> toJson() {
            long[] sorted = Arrays.copyOf(window, (int) Math.min(calls, WINDOW));
            Arrays.sort(sorted);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("plugin", plugin);
            json.put("command", command);
            json.put("calls", calls);
            json.put("failed", failed);
            json.put("p50Ms", millis(sorted, 50));
            json.put("p90Ms", millis(sorted, 90));
            json.put("p99Ms", millis(sorted, 99));
            json.put("maxMs", millis(sorted, 100));
            return json;
        }

        private static double millis(long[] sorted, int percentile) {
            if (sorted.length == 0) {
                return 0.0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return Math.round(sorted[Math.max(0, index)] / 1e3) / 1e3;
        }
    }
}
