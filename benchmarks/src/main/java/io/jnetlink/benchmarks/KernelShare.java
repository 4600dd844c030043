package io.jnetlink.benchmarks;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The kernel's time in each ADD of a phase: a JFR recording of the library's
 * {@code io.jnetlink.NetlinkExchange} events (one per request, batch or dump sent and answered)
 * and of an event around each measured ADD; each ADD's share is the sum of the exchanges inside
 * it, whichever thread made them.
 */
final class KernelShare implements AutoCloseable {

    private static final String EXCHANGE = "io.jnetlink.NetlinkExchange";
    private static final String ADD = "io.jnetlink.benchmarks.CniAdd";

    /** One measured ADD, as the window the exchanges are summed in. */
    @Name(ADD)
    @Label("CNI ADD (benchmark)")
    @StackTrace(false)
    static final class AddEvent extends Event {
    }

    private final Recording recording = new Recording();

    private KernelShare() {
        recording.enable(EXCHANGE).withThreshold(Duration.ZERO).withoutStackTrace();
        recording.enable(ADD).withThreshold(Duration.ZERO);
        recording.start();
    }

    /** Starts recording. */
    static KernelShare start() {
        return new KernelShare();
    }

    /** {@code add}, each run of it recorded as one ADD. */
    CniLatency.Step around(CniLatency.Step add) {
        return () -> {
            AddEvent event = new AddEvent();
            event.begin();
            add.run();
            event.commit();
        };
    }

    /** Stops recording: the kernel's nanoseconds in each recorded ADD, in order. */
    long[] perAdd() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("jnltest-cni-latency-", ".jfr");
        try {
            recording.dump(file);
            List<RecordedEvent> adds = new ArrayList<>();
            List<RecordedEvent> exchanges = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                String type = e.getEventType().getName();
                if (type.equals(ADD)) {
                    adds.add(e);
                } else if (type.equals(EXCHANGE)) {
                    exchanges.add(e);
                }
            }
            adds.sort(Comparator.comparing(RecordedEvent::getStartTime));
            long[] kernel = new long[adds.size()];
            for (int i = 0; i < kernel.length; i++) {
                Instant start = adds.get(i).getStartTime();
                Instant end = adds.get(i).getEndTime();
                for (RecordedEvent x : exchanges) {
                    if (!x.getStartTime().isBefore(start) && !x.getEndTime().isAfter(end)) {
                        kernel[i] += x.getDuration().toNanos();
                    }
                }
            }
            return kernel;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
