package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetNsId;
import io.jnetlink.core.SyscallException;
import io.jnetlink.testkit.OwnResources;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A namespace whose name is deleted ({@code ip netns del}) under an open handle and subscription:
 * as in the kernel, which keeps a namespace alive while a socket in it is open, the handle keeps
 * acting in that namespace (it lists and creates there) and the subscription keeps delivering its
 * events; opening it by the deleted name fails naming it; closing both releases everything.
 */
@RequiresNetAdmin
class DeletedNamespaceTest {

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails, it does not stall the build
    void aHandleKeepsActingInItsNamespaceAfterTheNameIsDeletedAndOpeningByTheNameFailsNamingIt() throws Exception {
        String name = Sandbox.randomName() + "-gone";
        NetNs.create(name).close();
        OwnResources before = OwnResources.now();
        RtNetlink rt = RtNetlink.openNamed(name);
        NetNsId namespace = rt.netns().id();
        BlockingQueue<NetEvent> events = new LinkedBlockingQueue<>();
        Subscription subscription = rt.subscribe(events::add);
        try {
            NetNs.delete(name);
            assertThat(NetNs.exists(name)).isFalse();

            assertThat(rt.links().list()).extracting(Link::name).containsExactly("lo");
            rt.links().add(Veth.of("gone0", "gone1"));
            assertThat(rt.links().list()).as("the new veth is in the handle's namespace")
                    .extracting(Link::name).containsExactlyInAnyOrder("lo", "gone0", "gone1");
            assertThat(rt.netns().id()).isEqualTo(namespace);
            try (RtNetlink caller = RtNetlink.open()) {
                assertThat(caller.links().get("gone0")).as("nothing in the caller's namespace").isEmpty();
            }
            assertThat(linkCreated(events, "gone0")).as("the subscription still delivers").isTrue();
            assertThat(subscription.failure()).isNull();

            assertThatThrownBy(() -> RtNetlink.openNamed(name)).isInstanceOf(SyscallException.class)
                    .hasMessage("network namespace " + name + " does not exist (open /run/netns/" + name + ": ENOENT)");
        } finally {
            subscription.close();
            rt.close(); // the last reference: the kernel frees the namespace and its veth
            if (NetNs.exists(name)) { // the test failed before deleting it
                NetNs.delete(name);
            }
        }
        assertThat(OwnResources.settledAt(before)).as("nothing of the handle or the subscription is left")
                .isEqualTo(before);
    }

    private static boolean linkCreated(BlockingQueue<NetEvent> events, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            NetEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event instanceof NetEvent.LinkEvent l && l.change() == NetEvent.Change.NEW
                    && name.equals(l.link().name())) {
                return true;
            }
        }
        return false;
    }
}
