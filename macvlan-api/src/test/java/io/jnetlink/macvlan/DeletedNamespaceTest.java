package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A namespace deleted ({@code ip netns del}) under an open handle and subscription: the handle
 * keeps the namespace alive, as the kernel does for any open socket in it, and answers promptly;
 * opening it by name again says clearly that it is gone; closing is prompt.
 */
@RequiresNetAdmin
class DeletedNamespaceTest {

    @Test
    void handlesOutliveTheNameAnswerPromptlyAndReopeningByNameSaysItIsGone() {
        String name = Sandbox.randomName() + "-gone";
        NetNs.create(name).close();
        RtNetlink rt = RtNetlink.openNamed(name);
        List<NetEvent> events = new CopyOnWriteArrayList<>();
        Subscription subscription = rt.subscribe(events::add);
        try {
            NetNs.delete(name);
            assertThat(NetNs.exists(name)).isFalse();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(rt.links().list()).extracting(Link::name).containsExactly("lo");
                rt.links().add(Veth.of("v0", "v1"));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (events.stream().noneMatch(e -> e.toString().contains("v0")) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            });
            assertThat(events).as("the subscription still delivers").anyMatch(e -> e.toString().contains("v0"));
            assertThatThrownBy(() -> RtNetlink.openNamed(name)).hasMessageContaining(name);
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                subscription.close();
                rt.close(); // the last reference: the kernel frees the namespace and its veth
            });
            if (NetNs.exists(name)) { // the test failed before deleting it
                NetNs.delete(name);
            }
        }
    }
}
