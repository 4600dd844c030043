package io.jnetlink.macvlan;

import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.OwnResources;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.Stress;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening and closing many handles and subscriptions (x10 under -Pstress) leaves nothing behind:
 * our own netlink sockets, namespace descriptors and {@code jnetlink-*} threads are exactly those
 * held before (see testkit's {@link OwnResources}), and the JVM's native memory ("Other": what FFM
 * arenas allocate, per Native Memory Tracking, which surefire turns on for this module) is back
 * where it was. Each subscription is seen holding its reader thread and its socket while open, so
 * the cycles do make what they must release.
 */
@NetworkSandbox
class ResourceLeakTest {

    @Test
    void tenThousandHandlesAndAThousandSubscriptionsLeaveNoDescriptorThreadOrNativeMemory(Sandbox box) throws Exception {
        OwnResources before = OwnResources.now();
        for (int i = 0; i < 500; i++) { // warm up: classes loaded, code compiled, pools sized
            cycle(box, before);
        }
        long native0 = NativeMemory.otherKb();

        for (int i = 0; i < 10_000 * Stress.scale(); i++) {
            try (RtNetlink rt = RtNetlink.open(box.ns())) {
                assertThat(rt.links().list()).hasSize(1);
            }
        }
        for (int i = 0; i < 1_000 * Stress.scale(); i++) {
            cycle(box, before);
        }

        assertThat(OwnResources.settledAt(before)).as("our netlink sockets, namespace descriptors and threads")
                .isEqualTo(before);
        // a leak of even one small buffer per handle would be >= 10,000 x 4 KB = 40 MB
        assertThat(NativeMemory.otherKb() - native0).as("native memory growth, KB").isLessThan(4_096);
    }

    /** A handle and a subscription on it, open (the handle's socket, the subscription's socket and reader) and closed. */
    private static void cycle(Sandbox box, OwnResources before) {
        try (RtNetlink rt = RtNetlink.open(box.ns()); Subscription events = rt.subscribe(event -> { })) {
            OwnResources open = OwnResources.now().since(before);
            assertThat(open.netlinkSockets()).as("the handle's and the subscription's sockets").hasSize(2);
            assertThat(open.threads()).as("the subscription's reader").singleElement()
                    .matches(reader -> reader.getName().startsWith("jnetlink-events-"));
            assertThat(events.isOpen()).isTrue();
        }
    }
}
