package io.jnetlink.macvlan;

import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.OwnResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 3,000 links created and deleted in bulk while two listeners watch: one that keeps up sees
 * every creation and every deletion and no overflow; one that falls behind (a small kernel queue,
 * a millisecond per event) is told of the overflow and still sees what happens afterwards. Closing
 * both leaves no reader thread and no socket of theirs ({@link OwnResources}).
 */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class EventStormTest {

    private static final int LINKS = 3_000;

    @Test
    void aFastListenerSeesEveryEventAndASlowOneIsToldOfTheOverflowAndKeepsWorking(Topology t) throws Exception {
        OwnResources before = OwnResources.now();
        Set<String> created = ConcurrentHashMap.newKeySet();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        AtomicInteger fastOverflows = new AtomicInteger();
        AtomicInteger slowOverflows = new AtomicInteger();
        CountDownLatch slowSawTheLateLink = new CountDownLatch(1);

        Subscription fast = t.rt.subscribe(event -> {
            switch (event) {
                case NetEvent.LinkEvent l when l.change() == NetEvent.Change.NEW -> created.add(l.link().name());
                case NetEvent.LinkEvent l when l.change() == NetEvent.Change.DELETED -> deleted.add(l.link().name());
                case NetEvent.Overflow o -> fastOverflows.incrementAndGet();
                default -> { }
            }
        });
        Subscription slow = new Subscription(t.rt.netns(), event -> {
            if (event instanceof NetEvent.Overflow) {
                slowOverflows.incrementAndGet();
            } else if (event instanceof NetEvent.LinkEvent l && l.link().name().equals("late0")
                    && l.change() == NetEvent.Change.NEW) {
                slowSawTheLateLink.countDown();
            } else {
                sleepQuietly();
            }
        }, 16 * 1024);
        try {
            List<String> names = IntStream.range(0, LINKS).mapToObj(i -> "storm" + i).toList();
            assertThat(t.rt.bulk().createAll(names.stream().map(n -> Macvlan.of(n, "parent0")).toList())
                    .allSucceeded()).isTrue();
            assertThat(t.rt.bulk().deleteAll(names).allSucceeded()).isTrue();

            awaitTrue(() -> deleted.size() == LINKS, () -> "deletions seen: " + deleted.size());
            assertThat(created).as("creations seen").containsExactlyInAnyOrderElementsOf(names);
            assertThat(deleted).as("deletions seen").containsExactlyInAnyOrderElementsOf(names);
            assertThat(fastOverflows.get()).as("overflows reported to the fast listener").isZero();

            awaitTrue(() -> slowOverflows.get() > 0, () -> "the slow listener was not told of an overflow");
            t.links().create(Macvlan.of("late0", "parent0"));
            assertThat(slowSawTheLateLink.await(2, TimeUnit.MINUTES))
                    .as("the slow listener still receives events after the overflow").isTrue();
            assertThat(fast.failure()).isNull();
            assertThat(slow.failure()).isNull();
            assertThat(fast.isOpen()).isTrue();
            assertThat(slow.isOpen()).isTrue();
        } finally {
            fast.close();
            slow.close();
        }
        assertThat(OwnResources.now()).as("no reader thread, no socket").isEqualTo(before);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition,
                                  java.util.function.Supplier<String> otherwise) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(otherwise.get());
            }
            Thread.sleep(20);
        }
    }
}
