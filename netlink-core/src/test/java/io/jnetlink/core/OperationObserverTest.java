package io.jnetlink.core;

import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The observation rule: no event before JFR is in use and nothing allocated on the netlink path
 * then (in a JVM of its own, since a recording in this one starts JFR for good); committed only when
 * a recording takes the event; TRACE for successes and DEBUG for failures; nothing built for
 * nothing.
 */
class OperationObserverTest {

    private static final AtomicInteger MADE = new AtomicInteger();

    @Name("io.jnetlink.test.Observed")
    static final class ObservedEvent extends Event {
        String subject;
        String outcome;

        ObservedEvent() {
            MADE.incrementAndGet();
        }
    }

    /** A {@link System.Logger} at a settable level that keeps what it logs, as "LEVEL message". */
    static final class Captured implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile Level level = Level.INFO;

        @Override
        public String getName() {
            return "captured";
        }

        @Override
        public boolean isLoggable(Level at) {
            return at.getSeverity() >= level.getSeverity();
        }

        @Override
        public void log(Level at, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(at)) {
                lines.add(at + " " + message);
            }
        }

        @Override
        public void log(Level at, ResourceBundle bundle, String format, Object... params) {
            log(at, bundle, format, (Throwable) null);
        }
    }

    private final Captured log = new Captured();
    private final OperationObserver<ObservedEvent> observer = new OperationObserver<>(log, ObservedEvent::new);

    @Test
    void noEventIsMadeAndTheExchangePathAllocatesNothingBeforeJfrIsInUse() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Dormant.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("JFR in use: false", "events made: 0", "observed: false false",
                "bytes per exchange: 0 (");
    }

    /** Runs in a fresh JVM: JFR not started, loggers at the default INFO. */
    static final class Dormant {
        public static void main(String[] args) {
            OperationObserver<ObservedEvent> observer =
                    new OperationObserver<>(System.getLogger("io.jnetlink.test.observer"), ObservedEvent::new);
            ObservedEvent event = observer.begin();
            System.out.println("observed: " + observer.end(event, OperationObserver.Outcome.SUCCEEDED) + " " + observer.end(event, OperationObserver.Outcome.FAILED));

            long thread = Thread.currentThread().threadId();
            try (Arena arena = Arena.ofConfined(); NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
                // NLMSG_NOOP: the kernel only ACKs it, so the whole exchange path runs and nothing changes
                NetlinkWriter noop = NetlinkWriter.allocate(arena, 64);
                noop.endMessage(noop.beginMessage(Netlink.NLMSG_NOOP, 0));
                for (int i = 0; i < 50_000; i++) { // until the path is compiled
                    socket.execute(noop);
                }
                long fewest = Long.MAX_VALUE;
                for (int round = 0; round < 5; round++) {
                    long before = allocated(thread);
                    for (int i = 0; i < 10_000; i++) {
                        socket.execute(noop);
                    }
                    fewest = Math.min(fewest, allocated(thread) - before);
                }
                System.out.println("bytes per exchange: " + fewest / 10_000 + " (" + fewest + " in 10000)");
            }
            System.out.println("events made: " + MADE.get());
            System.out.println("JFR in use: " + FlightRecorder.isInitialized());
        }

        private static final MethodHandle ALLOCATED = allocatedBytes();

        /** {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}, found reflectively (not read by the module). */
        private static MethodHandle allocatedBytes() {
            try {
                Object threads = Class.forName("java.lang.management.ManagementFactory")
                        .getMethod("getThreadMXBean").invoke(null);
                Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
                return MethodHandles.publicLookup()
                        .findVirtual(bean, "getThreadAllocatedBytes", MethodType.methodType(long.class, long.class))
                        .bindTo(threads);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static long allocated(long thread) {
            try {
                return (long) ALLOCATED.invokeExact(thread);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aRecordedOperationIsFilledCommittedAndLoggedAtItsLevel(@TempDir Path dir) throws Exception {
        log.level = Level.ALL;
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable("io.jnetlink.test.Observed");
            recording.start();
            assertThat(observer.observe(() -> "r1", (e, result, failure) -> {
                e.subject = "first";
                e.outcome = result;
            }, (result, failure) -> "first: " + result)).isEqualTo("r1");
            IllegalStateException thrown = new IllegalStateException("refused");
            assertThatThrownBy(() -> observer.observe(() -> {
                throw thrown;
            }, (e, result, failure) -> {
                e.subject = "second";
                e.outcome = failure.getMessage();
            }, (result, failure) -> "second: " + failure.getMessage())).isSameAs(thrown);
            recording.stop();
            events = read(recording, dir);
        }
        assertThat(events).extracting(e -> e.getString("subject") + " " + e.getString("outcome"))
                .containsExactly("first r1", "second refused");
        assertThat(log.lines).containsExactly("TRACE first: r1", "DEBUG second: refused");
    }

    @Test
    void anEventIsTimedToItsEndBeforeItsThresholdIsApplied(@TempDir Path dir) throws Exception {
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable("io.jnetlink.test.Observed").withThreshold(Duration.ofMillis(20));
            recording.start();
            for (long sleep : new long[] {0, 50}) {
                observer.observe(() -> {
                    sleepFor(sleep);
                    return null;
                }, (e, result, failure) -> e.subject = "slept " + sleep, (result, failure) -> "unused");
            }
            recording.stop();
            events = read(recording, dir);
        }
        assertThat(events).extracting(e -> e.getString("subject")).containsExactly("slept 50");
        assertThat(events.getFirst().getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void nothingIsBuiltForWhatNothingRecords() throws Exception {
        List<String> built = new ArrayList<>();
        try (Recording recording = new Recording()) {
            recording.disable("io.jnetlink.test.Observed");
            recording.start(); // JFR in use, this event not recorded
            ObservedEvent event = observer.begin();
            assertThat(event).as("made once JFR is in use").isNotNull();
            assertThat(observer.end(event, OperationObserver.Outcome.SUCCEEDED)).isFalse();
            assertThat(observer.end(event, OperationObserver.Outcome.FAILED)).isFalse();
            observer.observe(() -> "r", (e, result, failure) -> built.add("fields"), (result, failure) -> {
                built.add("line");
                return "line";
            });
            assertThat(built).isEmpty();

            log.level = Level.DEBUG; // failures only
            assertThat(observer.end(observer.begin(), OperationObserver.Outcome.SUCCEEDED)).isFalse();
            assertThat(observer.end(observer.begin(), OperationObserver.Outcome.FAILED)).isTrue();
            observer.observe(() -> "r", (e, result, failure) -> built.add("fields"), (result, failure) -> {
                built.add("success line");
                return "success line";
            });
            assertThatThrownBy(() -> observer.observe(() -> {
                throw new IllegalArgumentException("bad");
            }, (e, result, failure) -> built.add("fields"), (result, failure) -> {
                built.add("failure line");
                return "failure line";
            })).hasMessage("bad");
            assertThat(built).containsExactly("failure line");
            assertThat(log.lines).containsExactly("DEBUG failure line");
        }
    }

    private static List<RecordedEvent> read(Recording recording, Path dir) throws Exception {
        Path file = dir.resolve("observed.jfr");
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.jnetlink.test.Observed")).toList();
    }

    private static void sleepFor(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
