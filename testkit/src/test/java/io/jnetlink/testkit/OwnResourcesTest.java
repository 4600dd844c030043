package io.jnetlink.testkit;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.Netlink;
import org.junit.jupiter.api.Test;

import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The leak tests' count of our own resources, and the kernel's view of threads (no privilege needed). */
class OwnResourcesTest {

    @Test
    void countsNetlinkSocketsNamespaceDescriptorsAndJnetlinkThreadsAndNothingElse() throws Exception {
        OwnResources before = OwnResources.now();
        CountDownLatch end = new CountDownLatch(1);
        Thread ours = Thread.ofPlatform().name("jnetlink-test").start(() -> awaitQuietly(end));
        Thread theirs = Thread.ofPlatform().name("other-test").start(() -> awaitQuietly(end));
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
             NetNs namespace = NetNs.current();
             DatagramChannel udp = DatagramChannel.open();
             SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            OwnResources open = OwnResources.now().since(before);
            assertThat(open.netlinkSockets()).singleElement().asString().startsWith("socket:[");
            assertThat(open.namespaceHandles()).containsExactly("net:[" + namespace.id().inode() + "]");
            assertThat(open.threads()).containsExactly(ours);
        } finally {
            end.countDown();
            ours.join();
            theirs.join();
        }
        assertThat(OwnResources.now()).isEqualTo(before);
    }

    @Test
    void aNamespaceOpenedByItsNameCountsThoughItsDescriptorLinksToThePath() throws Exception {
        Prerequisites.requireNetAdmin();
        try (Sandbox box = Sandbox.create()) {
            OwnResources before = OwnResources.now();
            try (NetNs named = NetNs.named(box.name())) {
                assertThat(OwnResources.now().since(before).namespaceHandles())
                        .containsExactly("net:[" + named.id().inode() + "]");
            }
            assertThat(OwnResources.now()).isEqualTo(before);
        }
    }

    @Test
    void aThreadKnowsItsKernelIdAndOneThatSleepsElsewhereIsNotInPoll() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        int[] tid = new int[1];
        CountDownLatch known = new CountDownLatch(1);
        Thread parked = Thread.ofPlatform().start(() -> {
            tid[0] = NativeThreads.currentTid();
            known.countDown();
            awaitQuietly(end);
        });
        try {
            known.await();
            assertThat(tid[0]).isNotEqualTo(NativeThreads.currentTid());
            assertThat(NativeThreads.syscall(tid[0])).as("a live thread of this process").doesNotStartWith("gone");
            assertThat(NativeThreads.isInPoll(tid[0])).isFalse();
        } finally {
            end.countDown();
            parked.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
