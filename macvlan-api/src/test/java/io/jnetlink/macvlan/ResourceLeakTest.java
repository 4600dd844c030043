package io.jnetlink.macvlan;

import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.Stress;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening and closing many handles and subscriptions (x10 under -Pstress) leaves nothing behind: file descriptors,
 * threads and the JVM's native memory ("Other": what FFM arenas allocate, per Native Memory
 * Tracking, which surefire turns on for this module) are back where they were.
 */
@NetworkSandbox
class ResourceLeakTest {

    @Test
    void tenThousandHandlesAndAThousandSubscriptionsLeaveNoDescriptorThreadOrNativeMemory(Sandbox box) throws Exception {
        for (int i = 0; i < 500; i++) { // warm up: classes loaded, code compiled, pools sized
            cycle(box);
        }
        long native0 = ProcessResources.otherNativeKb(); // first: jcmd's attach listener keeps a thread and a socket
        long fds = ProcessResources.fds();
        int threads = Thread.activeCount();

        for (int i = 0; i < 10_000 * Stress.scale(); i++) {
            try (RtNetlink rt = RtNetlink.open(box.ns())) {
                assertThat(rt.links().list()).hasSize(1);
            }
        }
        for (int i = 0; i < 1_000 * Stress.scale(); i++) {
            cycle(box);
        }

        assertThat(ProcessResources.fds()).as("file descriptors (others may close meanwhile; none may stay open)")
                .isLessThanOrEqualTo(fds);
        assertThat(ProcessResources.threadsSettledAt(threads)).as("threads").isLessThanOrEqualTo(threads);
        // a leak of even one small buffer per handle would be >= 10,000 x 4 KB = 40 MB
        assertThat(ProcessResources.otherNativeKb() - native0).as("native memory growth, KB").isLessThan(4_096);
    }

    private static void cycle(Sandbox box) {
        try (RtNetlink rt = RtNetlink.open(box.ns()); Subscription events = rt.subscribe(event -> { })) {
            assertThat(events).isNotNull();
        }
    }
}
