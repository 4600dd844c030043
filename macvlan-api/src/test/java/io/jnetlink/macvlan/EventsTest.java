package io.jnetlink.macvlan;

import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.testkit.NativeThreads;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.OwnResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Link, address, route and neighbour events of a watched namespace. */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class EventsTest {

    @Test
    void creatingAndDeletingALinkDeliversBothEvents(Topology t) throws Exception {
        BlockingQueue<NetEvent> events = new LinkedBlockingQueue<>();
        try (Subscription subscription = t.rt.subscribe(events::add)) {
            t.links().create(Macvlan.of("watched0", "parent0"));
            t.links().setUp("watched0");
            t.rt.addresses().add("watched0", Address.parse("198.51.100.7/24"));
            t.links().delete("watched0");

            assertThat(next(events, NetEvent.Change.NEW, "watched0")).isNotNull();
            NetEvent up = next(events, NetEvent.Change.CHANGED, "watched0");
            assertThat(((NetEvent.LinkEvent) up).link().isUp()).isTrue();
            NetEvent address = poll(events, e -> e instanceof NetEvent.AddressEvent a
                    && a.change() == NetEvent.Change.NEW && a.address().toString().equals("198.51.100.7/24"));
            assertThat(address).isNotNull();
            assertThat(next(events, NetEvent.Change.DELETED, "watched0")).isNotNull();
            assertThat(subscription.failure()).isNull();
        }
    }

    @Test
    void routesAddedReplacedAndDeletedAreEventsToo(Topology t) throws Exception {
        t.rt.addresses().add("parent0", Address.parse("198.51.100.1/24"));
        BlockingQueue<NetEvent> events = new LinkedBlockingQueue<>();
        int parent = t.links().require("parent0").index();
        try (Subscription subscription = t.rt.subscribe(events::add)) {
            Route route = Route.to("203.0.113.0/24").withGateway("198.51.100.254").withDev("parent0");
            t.rt.routes().add(route);
            t.rt.routes().replace(route.withMetric(0).withGateway("198.51.100.253"));
            t.rt.routes().delete(Route.to("203.0.113.0/24").withDev("parent0"));

            NetEvent.RouteEvent added = route(events, NetEvent.Change.NEW);
            assertThat(added.route()).hasToString("203.0.113.0/24 via 198.51.100.254 dev if" + parent);
            assertThat(added.route().oif()).isEqualTo(parent);
            assertThat(route(events, NetEvent.Change.CHANGED).route().gateway().getHostAddress())
                    .isEqualTo("198.51.100.253");
            assertThat(route(events, NetEvent.Change.DELETED).route().destination()).hasToString("203.0.113.0/24");
            assertThat(subscription.failure()).isNull();
        }
    }

    @Test
    void neighboursAreEventsOnlyToASubscriptionThatWatchesThem(Topology t) throws Exception {
        t.rt.addresses().add("parent0", Address.parse("198.51.100.1/24"));
        int parent = t.links().require("parent0").index();
        BlockingQueue<NetEvent> watching = new LinkedBlockingQueue<>();
        BlockingQueue<NetEvent> defaults = new LinkedBlockingQueue<>();
        try (Subscription neighbours = t.rt.subscribe(EnumSet.of(EventKind.NEIGHBOURS), watching::add);
             Subscription others = t.rt.subscribe(defaults::add)) {
            Neighbour entry = Neighbour.of("198.51.100.7", MacAddress.parse("02:00:5e:00:53:07")).withDev("parent0");
            t.rt.neighbours().add(entry);
            t.rt.neighbours().delete(entry);
            t.rt.addresses().add("parent0", Address.parse("198.51.100.2/24")); // after them: a marker

            NetEvent.NeighbourEvent added = neighbour(watching, NetEvent.Change.NEW);
            assertThat(added.neighbour()).hasToString("198.51.100.7 dev if" + parent
                    + " lladdr 02:00:5e:00:53:07 PERMANENT");
            assertThat(added.neighbour().ifindex()).isEqualTo(parent);
            assertThat(neighbour(watching, NetEvent.Change.DELETED).neighbour().destination().getHostAddress())
                    .isEqualTo("198.51.100.7");
            List<NetEvent> before = new ArrayList<>();
            assertThat(poll(defaults, e -> !before.add(e) || e instanceof NetEvent.AddressEvent a
                    && a.address().toString().equals("198.51.100.2/24"))).isNotNull();
            assertThat(before).as("a subscription that does not watch neighbours")
                    .noneMatch(NetEvent.NeighbourEvent.class::isInstance);
            assertThat(watching).as("one that watches only neighbours").allMatch(NetEvent.NeighbourEvent.class::isInstance);
            assertThat(neighbours.failure()).isNull();
            assertThat(others.failure()).isNull();
        }
    }

    private static NetEvent.NeighbourEvent neighbour(BlockingQueue<NetEvent> events, NetEvent.Change change)
            throws InterruptedException {
        return (NetEvent.NeighbourEvent) poll(events, e -> e instanceof NetEvent.NeighbourEvent n && n.change() == change
                && n.neighbour().destination().getHostAddress().equals("198.51.100.7"));
    }

    private static NetEvent.RouteEvent route(BlockingQueue<NetEvent> events, NetEvent.Change change)
            throws InterruptedException {
        return (NetEvent.RouteEvent) poll(events, e -> e instanceof NetEvent.RouteEvent r && r.change() == change
                && r.route().destination().toString().equals("203.0.113.0/24"));
    }

    @Test
    void closingASubscriptionStopsItsThreadAndFreesItsSocket(Topology t) throws Exception {
        OwnResources before = OwnResources.now();
        Subscription subscription = t.rt.subscribe(event -> { });
        OwnResources its = OwnResources.now().since(before);
        assertThat(its.netlinkSockets()).as("its socket").hasSize(1);
        assertThat(its.threads()).as("its reader").singleElement().extracting(Thread::getName)
                .isEqualTo("jnetlink-events-" + t.name());
        Thread reader = its.threads().iterator().next();

        subscription.close();
        assertThat(subscription.isOpen()).isFalse();
        assertThat(reader.isAlive()).as("its reader, once close() returned").isFalse();
        assertThat(OwnResources.now()).as("its socket and thread gone").isEqualTo(before);
    }

    @Test
    void overflowIsReportedWhenTheListenerFallsBehind(Topology t) throws Exception {
        BlockingQueue<NetEvent> events = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(1);
        try (Subscription subscription = new Subscription(t.rt.netns(), event -> {
            awaitQuietly(slow);
            events.add(event);
        }, 4096)) {
            var specs = java.util.stream.IntStream.range(0, 200)
                    .mapToObj(i -> Macvlan.of("ev" + i, "parent0")).toList();
            assertThat(t.rt.bulk().createAll(specs).allSucceeded()).isTrue();
            slow.countDown();

            assertThat(poll(events, e -> e instanceof NetEvent.Overflow)).isNotNull();
            assertThat(subscription.failure()).isNull();
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static NetEvent next(BlockingQueue<NetEvent> events, NetEvent.Change change, String name)
            throws InterruptedException {
        return poll(events, e -> e instanceof NetEvent.LinkEvent l && l.change() == change
                && name.equals(l.link().name()));
    }

    private static NetEvent poll(BlockingQueue<NetEvent> events, java.util.function.Predicate<NetEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            NetEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no matching event within 10 s");
    }

    @Test
    void aListenerThatThrowsOnOverflowIsRecordedAndTheReaderEnds(Topology t) throws Exception {
        OwnResources before = OwnResources.now();
        java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("listener refuses overflow");
        Subscription subscription = new Subscription(t.rt.netns(), event -> {
            awaitQuietly(slow);
            if (event instanceof NetEvent.Overflow) {
                throw boom;
            }
        }, 4096);
        var specs = java.util.stream.IntStream.range(0, 200).mapToObj(i -> Macvlan.of("ev" + i, "parent0")).toList();
        assertThat(t.rt.bulk().createAll(specs).allSucceeded()).isTrue();
        slow.countDown();

        awaitTrue(() -> !subscription.isOpen());
        assertThat(subscription.failure()).isSameAs(boom);
        assertThat(OwnResources.settledAt(before)).as("its socket and thread gone").isEqualTo(before);
        subscription.close(); // and closing afterwards is harmless
    }

    @Test
    void closingFromInsideTheListenerReturnsAndFreesTheSocket(Topology t) throws Exception {
        OwnResources before = OwnResources.now();
        java.util.concurrent.atomic.AtomicReference<Subscription> self = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();
        self.set(t.rt.subscribe(event -> {
            events.incrementAndGet();
            self.get().close();
            closed.countDown();
        }));
        t.links().create(Macvlan.of("watched0", "parent0"));
        t.links().create(Macvlan.of("watched1", "parent0"));

        assertThat(closed.await(10, TimeUnit.SECONDS)).as("close() returned inside the listener").isTrue();
        assertThat(OwnResources.settledAt(before)).as("its socket and thread gone").isEqualTo(before);
        assertThat(events.get()).as("no event after close").isEqualTo(1);
        assertThat(self.get().isOpen()).isFalse();
        assertThat(self.get().failure()).isNull();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a reader never woken fails, not stalls
    void closeWakesTheReaderInsteadOfWaitingForATimeout(Topology t) throws Exception {
        OwnResources before = OwnResources.now();
        // the reader waits up to an hour per receive: only a wake-up can end it this soon
        List<Subscription> subscriptions = new ArrayList<>();
        List<CompletableFuture<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            CompletableFuture<Integer> reader = new CompletableFuture<>();
            readers.add(reader);
            subscriptions.add(t.rt.subscribe(event -> reader.complete(NativeThreads.currentTid())));
        }
        try {
            // an address added is an event to each listener, which runs on its reader: each learns its thread's id
            t.rt.addresses().add("parent0", Address.parse("198.51.100.9/24"));
            for (int i = 0; i < subscriptions.size(); i++) {
                NativeThreads.awaitInPoll(readers.get(i).get(10, TimeUnit.SECONDS)); // blocked again, surely
                subscriptions.get(i).close();
                assertThat(subscriptions.get(i).isOpen()).isFalse();
            }
        } finally {
            subscriptions.forEach(Subscription::close); // the rest, if the test failed half-way
        }
        assertThat(OwnResources.now()).as("every socket and thread gone").isEqualTo(before);
    }

    private static void awaitTrue(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
