package io.jnetlink.testkit.core;

import io.jnetlink.core.BatchResult;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.MessageOverflowException;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NativeThreads;
import io.jnetlink.testkit.OwnResources;
import io.jnetlink.testkit.RawLinks;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The socket against the real kernel, each test in its own sandbox namespace. */
@RequiresNetAdmin
class NetlinkSocketTest {

    private final Arena arena = Arena.ofConfined();
    private final NetlinkWriter w = NetlinkWriter.allocate(arena, 256 * 1024);

    @AfterEach
    void freeBuffer() {
        arena.close();
    }

    @Test
    void dumpOfAFreshNamespaceSeesExactlyLoopback() {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
            assertThat(LinkDump.dumpNamesAndMtu(socket, w)).containsOnlyKeys("lo");
        }
    }

    @Test
    void rawVethCreationAppearsInDumpAndInIproute2() {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
            RawLinks.appendVeth(w.reset(), "jv0", "jv1", 1400);
            socket.execute(w);

            assertThat(LinkDump.dumpNamesAndMtu(socket, w))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("lo", 65536, "jv0", 1400, "jv1", 1400));
            String shown = Command.check("ip", "-n", box.name(), "-o", "link", "show", "jv0");
            assertThat(shown).contains("jv0@jv1").contains("mtu 1400");
        }
    }

    @Test
    void creatingTheSameLinkAgainFailsWithEexist() {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
            RawLinks.appendVeth(w.reset(), "jv0", "jv1", 1500);
            socket.execute(w);
            RawLinks.appendVeth(w.reset(), "jv0", "jv1", 1500);

            assertThatThrownBy(() -> socket.execute(w))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.errno().number()).isEqualTo(Errno.EEXIST);
                        assertThat(e.errnoName()).isEqualTo("EEXIST");
                        assertThat(e.operation()).isEqualTo("RTM_NEWLINK");
                        assertThat(e.getMessage()).contains("RTM_NEWLINK", "EEXIST", "File exists");
                    });
        }
    }

    @Test
    void invalidAttributeBringsTheKernelsExtendedAckTextAndOffset() {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
            long message = w.reset().beginMessage(Rtnetlink.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
            w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
            w.putString(Ifla.IFLA_IFNAME, "bad0");
            long badAttribute = w.position();
            w.putU16(Ifla.IFLA_MTU, 1500); // IFLA_MTU is a u32: the policy rejects 2 bytes
            w.endMessage(message);

            assertThatThrownBy(() -> socket.execute(w))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.kernelMessage()).hasValueSatisfying(
                                text -> assertThat(text).containsIgnoringCase("policy"));
                        assertThat(e.attributeOffset()).hasValue((int) (badAttribute - message));
                        assertThat(e.getMessage()).contains("kernel says");
                    });
        }
    }

    @Test
    void unknownLinkKindIsRejectedWithTheKernelsText() {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
            long message = w.reset().beginMessage(Rtnetlink.RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
            w.ifinfomsg(Rtnetlink.AF_UNSPEC, 0, 0, 0, 0);
            w.putString(Ifla.IFLA_IFNAME, "bad0");
            long linkInfo = w.beginNest(Ifla.IFLA_LINKINFO);
            w.putString(Ifla.IFLA_INFO_KIND, "no-such-kind");
            w.endNest(linkInfo);
            w.endMessage(message);

            assertThatThrownBy(() -> socket.execute(w))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP");
                        assertThat(e.kernelMessage()).hasValueSatisfying(
                                text -> assertThat(text).containsIgnoringCase("unknown device type"));
                    });
        }
    }

    @Test
    void socketOpenedInANamespaceSeesOnlyThatNamespaceAndTheCallerStaysHome() throws Exception {
        try (Sandbox a = Sandbox.create(); Sandbox b = Sandbox.create(); NetNs before = NetNs.current()) {
            try (NetlinkSocket inA = NetlinkSocket.open(Netlink.NETLINK_ROUTE, a.ns());
                 NetlinkSocket inB = NetlinkSocket.open(Netlink.NETLINK_ROUTE, b.ns())) {
                RawLinks.appendVeth(w.reset(), "only-a0", "only-a1", 1500);
                inA.execute(w);

                assertThat(LinkDump.dumpNamesAndMtu(inA, w)).containsOnlyKeys("lo", "only-a0", "only-a1");
                assertThat(LinkDump.dumpNamesAndMtu(inB, w)).containsOnlyKeys("lo");
            }
            try (NetNs after = NetNs.current()) {
                assertThat(after.isSameAs(before)).isTrue();
                assertThat(after.isSameAs(a.ns())).isFalse();
            }
        }
    }

    @Test
    void batchOf64CreatesReturns64Acks() {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
            w.reset();
            for (int i = 0; i < 64; i++) {
                RawLinks.appendVeth(w, "b" + i, "p" + i, 1500);
            }
            BatchResult result = socket.batch(w);

            assertThat(result.size()).isEqualTo(64);
            assertThat(result.allSucceeded()).as("%s", result).isTrue();
            assertThat(LinkDump.dumpNamesAndMtu(socket, w)).hasSize(1 + 128);
        }
    }

    @Test
    void batchWithOneBadRequestReportsExactlyThatOne() {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
            w.reset();
            for (int i = 0; i < 64; i++) {
                // request 40 reuses request 7's names, so only it fails
                int n = i == 40 ? 7 : i;
                RawLinks.appendVeth(w, "b" + n, "p" + n, 1500);
            }
            BatchResult result = socket.batch(w);

            assertThat(result.succeeded()).isEqualTo(63);
            assertThat(result.failures()).containsOnlyKeys(40);
            assertThat(result.failure(40)).hasValueSatisfying(e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));
            assertThat(LinkDump.dumpNamesAndMtu(socket, w)).hasSize(1 + 126);
        }
    }

    @Test
    void batchLargerThanOneChunkIsSplitAndEveryAckMatched() {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
            w.reset();
            for (int i = 0; i < 600; i++) {
                RawLinks.appendVeth(w, "c" + i, "q" + i, 1500);
            }
            assertThat(w.position()).isGreaterThan(64 * 1024);
            BatchResult result = socket.batch(w);

            assertThat(result.size()).isEqualTo(600);
            assertThat(result.allSucceeded()).as("%s", result).isTrue();
            assertThat(LinkDump.dumpNamesAndMtu(socket, w)).hasSize(1 + 1200);
        }
    }

    /**
     * {@code get}: a lookup the kernel answers with one object, or with the errno that means
     * "none" (empty, no exception made), or with another error (thrown, with its stack trace).
     */
    @Test
    void getAnswersTheObjectOrEmptyForTheAbsentErrnoAndThrowsOtherErrors() {
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            assertThat(socket.get(linkByName("lo"), m -> m.type(), Errno.ENODEV)).contains((int) Rtnetlink.RTM_NEWLINK);
            assertThat(socket.get(linkByName("jnl-absent0"), m -> m.type(), Errno.ENODEV)).isEmpty();
            NetlinkErrorException other = catchThrowableOfType(NetlinkErrorException.class,
                    () -> socket.get(linkByName("jnl-absent0"), m -> m.type(), Errno.ENOENT));
            assertThat(other.errno().number()).isEqualTo(Errno.ENODEV);
            assertThat(other.getMessage()).startsWith("RTM_GETLINK failed: ENODEV");
            assertThat(other.getStackTrace()).as("a failure the caller did not expect keeps its stack trace")
                    .isNotEmpty();
        }
    }

    private NetlinkWriter linkByName(String name) {
        long message = w.reset().beginMessage(Rtnetlink.RTM_GETLINK, 0);
        w.ifinfomsg(0, 0, 0, 0, 0);
        w.putString(Ifla.IFLA_IFNAME, name);
        w.endMessage(message);
        return w;
    }

    @Test
    void closedSocketRefusesWithAClearError() {
        NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
        socket.close();
        long message = w.reset().beginMessage(Rtnetlink.RTM_GETLINK, Netlink.NLM_F_DUMP);
        w.ifinfomsg(0, 0, 0, 0, 0);
        w.endMessage(message);

        assertThatThrownBy(() -> socket.execute(w)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        String itself = "netlink socket (protocol " + Netlink.NETLINK_ROUTE + ", port " + socket.portId()
                + ", in the caller's namespace) is closed";
        assertThatThrownBy(() -> socket.execute(w)).hasMessage("request: " + itself);
        assertThatThrownBy(() -> socket.dump(w, m -> m)).hasMessage("dump: " + itself);
        assertThatThrownBy(() -> socket.batch(w)).hasMessage("batch: " + itself);
        assertThatThrownBy(() -> socket.joinGroup(Rtnetlink.RTNLGRP_LINK))
                .hasMessage("join multicast group " + Rtnetlink.RTNLGRP_LINK + ": " + itself);
        assertThatThrownBy(() -> socket.receiveNotifications(m -> { }))
                .as("closed, not 'join a multicast group first'").hasMessage("receive notifications: " + itself);
        socket.close(); // idempotent
    }

    @Test
    void requestLargerThanTheBufferFailsClearly() {
        try (Arena small = Arena.ofConfined()) {
            NetlinkWriter tiny = NetlinkWriter.allocate(small, 64);
            tiny.beginMessage(Rtnetlink.RTM_NEWLINK, 0);
            tiny.ifinfomsg(0, 0, 0, 0, 0);
            assertThatThrownBy(() -> tiny.putString(Ifla.IFLA_IFALIAS, "x".repeat(100)))
                    .isInstanceOf(MessageOverflowException.class).hasMessageContaining("does not fit");
        }
    }

    @Test
    void requestLargerThanTheSocketSendBufferFailsClearly() {
        try (Arena big = Arena.ofConfined(); NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            NetlinkWriter huge = NetlinkWriter.allocate(big, 1 << 20);
            long message = huge.beginMessage(Rtnetlink.RTM_GETLINK, 0);
            huge.ifinfomsg(0, 0, 0, 0, 0);
            while (huge.position() < 600_000) {
                huge.putBytes(Ifla.IFLA_IFALIAS, new byte[60_000]);
            }
            huge.endMessage(message);

            assertThatThrownBy(() -> socket.execute(huge)).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("larger than the socket's send buffer");
        }
    }

    @Test
    void severalMessagesAreRefusedByExecute() {
        RawLinks.appendVeth(w.reset(), "x0", "x1", 1500);
        RawLinks.appendVeth(w, "x2", "x3", 1500);
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
            assertThatThrownBy(() -> socket.execute(w)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batch()");
        }
    }

    @Test
    void optionsRejectATooSmallReceiveBuffer() {
        assertThatThrownBy(() -> new NetlinkSocket.Options(1024, java.time.Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiveBufferSize")
                .hasMessageContaining("1024");
    }

    @Test
    void anInterruptWhileOpeningInANamespaceKeepsTheSocketAndTheFlag() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            OwnResources before = OwnResources.now();
            Thread.currentThread().interrupt();
            NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns());
            assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
            try (socket) {
                assertThat(OwnResources.now().since(before).netlinkSockets()).as("the socket").hasSize(1);
                assertThat(LinkDump.dumpNamesAndMtu(socket, w)).containsOnlyKeys("lo");
            }
            assertThat(OwnResources.settledAt(before)).isEqualTo(before);
        }
    }

    @Test
    void cancelReceiveWakesABlockedReaderAtOnce() throws Exception {
        try (Sandbox box = Sandbox.create();
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns(),
                     NetlinkSocket.Options.DEFAULTS.withReceiveTimeout(java.time.Duration.ofHours(1)))) {
            socket.joinGroup(Rtnetlink.RTNLGRP_LINK);
            CompletableFuture<Integer> readerTid = new CompletableFuture<>();
            CompletableFuture<Boolean> received = new CompletableFuture<>();
            Thread reader = Thread.ofPlatform().daemon().name("jnltest-reader").start(() -> {
                readerTid.complete(NativeThreads.currentTid());
                try {
                    received.complete(socket.receiveNotifications(m -> { }));
                } catch (RuntimeException e) {
                    received.completeExceptionally(e);
                }
            });
            try {
                NativeThreads.awaitInPoll(readerTid.get(10, TimeUnit.SECONDS)); // only a wake-up can end it now
                socket.cancelReceive();
                // an hour-long wait ended by the wake-up, not by a timeout
                assertThat(received.get(10, TimeUnit.SECONDS)).isFalse();
            } finally {
                if (!received.isDone()) { // failed: end the reader with an event, so the socket can close
                    try (NetlinkSocket other = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns())) {
                        RawLinks.appendVeth(w.reset(), "wake0", "wake1", 0);
                        other.execute(w);
                    }
                }
                reader.join();
            }
            assertThat(socket.receiveNotifications(m -> { })).as("and every later call").isFalse();
        }
    }

    /**
     * The kernel reports {@code ENOBUFS} once, then none while the queue that overflowed still
     * holds anything: a second storm read behind the first is lost unreported. Once
     * {@code discardNotifications} has emptied the queue, the next loss is reported again.
     */
    @Test
    void afterAnOverflowTheNextLossIsReportedOnlyOnceTheQueueWasEmptied() {
        NetlinkSocket.Options small = new NetlinkSocket.Options(
                NetlinkSocket.Options.DEFAULTS.receiveBufferSize(), java.time.Duration.ofMillis(200), 4096);
        try (Sandbox box = Sandbox.create();
             NetlinkSocket requests = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns());
             NetlinkSocket events = NetlinkSocket.open(Netlink.NETLINK_ROUTE, box.ns(), small)) {
            events.joinGroup(Rtnetlink.RTNLGRP_LINK);
            storm(requests, "a");
            assertThat(overflowsWhileReading(events, 1)).as("the first storm").isEqualTo(1);
            storm(requests, "b"); // the queue still holds the first storm's last events
            assertThat(overflowsWhileReading(events, Integer.MAX_VALUE)).as("the second, read behind it").isZero();

            storm(requests, "c");
            assertThat(overflowsWhileReading(events, 1)).as("the third storm").isEqualTo(1);
            assertThat(events.discardNotifications()).as("datagrams dropped").isPositive();
            assertThat(events.receiveNotifications(m -> { })).as("nothing queued").isFalse();
            storm(requests, "d");
            assertThat(overflowsWhileReading(events, 1)).as("the fourth, after the queue was emptied").isEqualTo(1);
        }
    }

    /** 32 veth pairs created in one batch: 64 link events or more, well over a 4 KiB queue. */
    private void storm(NetlinkSocket requests, String prefix) {
        w.reset();
        for (int i = 0; i < 32; i++) {
            RawLinks.appendVeth(w, prefix + i, prefix + "p" + i, 1500);
        }
        assertThat(requests.batch(w).allSucceeded()).isTrue();
    }

    /** Reads until {@code limit} overflows were reported or nothing comes for 200 ms; how many were. */
    private static int overflowsWhileReading(NetlinkSocket events, int limit) {
        int overflows = 0;
        while (overflows < limit) {
            try {
                if (!events.receiveNotifications(m -> { })) {
                    break;
                }
            } catch (io.jnetlink.core.SyscallException e) {
                assertThat(e.errno().number()).isEqualTo(Errno.ENOBUFS);
                overflows++;
            }
        }
        return overflows;
    }
}
