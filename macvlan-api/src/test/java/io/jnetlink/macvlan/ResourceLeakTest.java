package io.jnetlink.macvlan;

import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening and closing many handles and subscriptions leaves nothing behind: file descriptors,
 * threads and the JVM's native memory ("Other": what FFM arenas allocate, per Native Memory
 * Tracking, which surefire turns on for this module) are back where they were.
 */
@RequiresNetAdmin
class ResourceLeakTest {

    /** Open file descriptors of this process. */
    private static long fds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Committed native memory NMT files under "Other" (malloc'ed by Unsafe/FFM), in KB, as jcmd reports it. */
    private static long otherNativeKb() throws Exception {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                "VM.native_memory", "summary").redirectErrorStream(true).start();
        String summary = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher other = Pattern.compile("-\\s+Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(summary);
        assertThat(other.find()).as("NMT summary (is -XX:NativeMemoryTracking on?):\n" + summary).isTrue();
        return Long.parseLong(other.group(1));
    }

    /** Thread count, after giving threads that are ending a moment to end. */
    private static int threadsSettledAt(int expected) throws InterruptedException {
        int count = Thread.activeCount();
        for (int i = 0; i < 100 && count > expected; i++) {
            Thread.sleep(50);
            count = Thread.activeCount();
        }
        return count;
    }

    @Test
    void tenThousandHandlesAndAThousandSubscriptionsLeaveNoDescriptorThreadOrNativeMemory() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            for (int i = 0; i < 500; i++) { // warm up: classes loaded, code compiled, pools sized
                cycle(box);
            }
            long native0 = otherNativeKb(); // first: jcmd's attach listener keeps a thread and a socket
            long fds = fds();
            int threads = Thread.activeCount();

            for (int i = 0; i < 10_000; i++) {
                try (RtNetlink rt = RtNetlink.open(box.ns())) {
                    assertThat(rt.links().list()).hasSize(1);
                }
            }
            for (int i = 0; i < 1_000; i++) {
                cycle(box);
            }

            assertThat(fds()).as("file descriptors (others may close meanwhile; none may stay open)")
                    .isLessThanOrEqualTo(fds);
            assertThat(threadsSettledAt(threads)).as("threads").isLessThanOrEqualTo(threads);
            // a leak of even one small buffer per handle would be >= 10,000 x 4 KB = 40 MB
            assertThat(otherNativeKb() - native0).as("native memory growth, KB").isLessThan(4_096);
        }
    }

    private static void cycle(Sandbox box) {
        try (RtNetlink rt = RtNetlink.open(box.ns()); Subscription events = rt.subscribe(event -> { })) {
            assertThat(events).isNotNull();
        }
    }
}
