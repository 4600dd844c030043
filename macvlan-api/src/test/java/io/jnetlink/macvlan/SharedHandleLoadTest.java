package io.jnetlink.macvlan;

import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.OwnResources;
import io.jnetlink.testkit.Sandbox;
import io.jnetlink.testkit.Stress;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One namespace-bound handle shared by 8 threads running 20,000 mixed operations (x10 under -Pstress) (create, get,
 * list, set MTU, up/down, address add/list/delete, delete), each on links of its own: every
 * operation's answer is checked against what that thread did, so a reply delivered to the wrong
 * caller, lost or mixed up fails the test. Afterwards our netlink sockets, namespace descriptors
 * and threads are exactly those held before ({@link OwnResources}) and native memory is where it was.
 */
@NetworkSandbox
class SharedHandleLoadTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 20_000 * Stress.scale();
    private static final int LINKS_PER_THREAD = 4;

    @Test
    void eightThreadsShareOneHandleAndEachGetsItsOwnAnswers(Sandbox box) throws Exception {
        RtNetlink rt = box.closeLater(RtNetlink.open(box.ns()));
        box.veth(box.ns(), "eth0", "eth0p");
        rt.links().setUp("eth0");
        long nativeBefore = NativeMemory.otherKb();
        OwnResources before = OwnResources.now();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> work(rt, thread)));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(5, TimeUnit.MINUTES);
            }
            assertThat(total).isGreaterThanOrEqualTo(OPERATIONS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(OwnResources.settledAt(before)).as("our netlink sockets, namespace descriptors and threads")
                .isEqualTo(before);
        assertThat(NativeMemory.otherKb() - nativeBefore).as("native memory growth, KB")
                .isLessThan(4_096);
        assertThat(rt.links().list()).extracting(Link::name).containsExactlyInAnyOrder("lo", "eth0", "eth0p");
        assertThat(rt.addresses().list()).noneMatch(a -> a.address().getHostAddress().startsWith("198.18."));
    }

    /** The IPv4 addresses of {@code name} (an up link also has an IPv6 link-local one). */
    private static List<InetAddress> ipv4(RtNetlink rt, String name) {
        return rt.addresses().list(name).stream().map(Address::address).filter(a -> a instanceof Inet4Address)
                .toList();
    }

    /** This thread's share of the operations on its own links; returns how many it ran. */
    private static int work(RtNetlink rt, int thread) throws Exception {
        int ops = 0;
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < LINKS_PER_THREAD; i++) {
            String name = "t" + thread + "m" + i;
            rt.links().add(Macvlan.of(name, "eth0"));
            mine.add(name);
            ops++;
        }
        int round = 0;
        while (ops < OPERATIONS / THREADS) {
            String name = mine.get(round % LINKS_PER_THREAD);
            int mtu = 1280 + (round % 200);
            rt.links().setMtu(name, mtu);
            Link link = rt.links().require(name);
            assertThat(link.name()).isEqualTo(name);
            assertThat(link.mtu()).as(name + " mtu").isEqualTo(mtu);
            if (round % 2 == 0) {
                rt.links().setUp(name);
            } else {
                rt.links().setDown(name);
            }
            assertThat(rt.links().require(name).isUp()).as(name + " up").isEqualTo(round % 2 == 0);
            Address address = Address.parse("198.18." + thread + "." + (round % 250 + 1) + "/24");
            rt.addresses().add(name, address);
            assertThat(ipv4(rt, name)).containsExactly(address.address());
            rt.addresses().delete(name, address);
            assertThat(ipv4(rt, name)).isEmpty();
            assertThat(rt.links().list()).extracting(Link::name).containsAll(mine);
            ops += 9;
            round++;
        }
        for (String name : mine) {
            rt.links().delete(name);
            assertThat(rt.links().get(name)).isEmpty();
            ops += 2;
        }
        return ops;
    }
}
