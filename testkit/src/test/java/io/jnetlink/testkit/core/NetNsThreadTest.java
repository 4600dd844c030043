package io.jnetlink.testkit.core;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetNsThread;
import io.jnetlink.testkit.NativeThreads;
import io.jnetlink.testkit.OwnResources;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A thread kept for steps in other namespaces: each step runs inside, and the thread goes home after it. */
@RequiresNetAdmin
class NetNsThreadTest {

    /** {@code CAP_SYS_ADMIN} of {@code <linux/capability.h>}. */
    private static final int CAP_SYS_ADMIN = 21;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    @Test
    void aStepRunsInsideOnTheKeptThreadWhichGoesHomeAfterwardsAndTheCallerNeverMoves() throws Exception {
        try (Sandbox box = Sandbox.create(); NetNs home = NetNs.current(); NetNsThread entry = new NetNsThread()) {
            List<Integer> tids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int tid = entry.call(box.ns(), () -> {
                    assertThat(namespaceOf(NativeThreads.currentTid())).isEqualTo(box.ns().id().inode());
                    return NativeThreads.currentTid();
                });
                tids.add(tid);
                assertThat(namespaceOf(tid)).as("the kept thread, once the step returned").isEqualTo(home.id().inode());
            }
            assertThat(tids).as("one thread for every step").containsOnly(tids.getFirst());
            assertThat(tids.getFirst()).isNotEqualTo(NativeThreads.currentTid());
            try (NetNs after = NetNs.current()) {
                assertThat(after.isSameAs(home)).as("the caller's thread").isTrue();
            }
        }
    }

    @Test
    void aStepKnowsWhereItsThreadIsAsTheKernelSaysAndOnlyWhileItRuns() throws Exception {
        try (Sandbox box = Sandbox.create(); NetNs home = NetNs.current(); NetNsThread entry = new NetNsThread()) {
            Object[] inside = entry.call(box.ns(), () -> new Object[] {box.ns().isCallersThreadIn(),
                    home.isCallersThreadIn(), namespaceOf(NativeThreads.currentTid())});
            assertThat(inside).as("in the sandbox, as /proc says").containsExactly(true, false, box.ns().id().inode());
            Object[] atHome = entry.call(home, () -> new Object[] {box.ns().isCallersThreadIn(),
                    home.isCallersThreadIn(), namespaceOf(NativeThreads.currentTid())});
            assertThat(atHome).containsExactly(false, true, home.id().inode());
            assertThat(box.ns().isCallersThreadIn()).as("the caller's thread, never moved").isFalse();
            assertThat(home.isCallersThreadIn()).isTrue();
        }
    }

    @Test
    void aStepsExceptionComesBackAndTheThreadGoesHomeAllTheSame() throws Exception {
        try (Sandbox box = Sandbox.create(); NetNs home = NetNs.current(); NetNsThread entry = new NetNsThread()) {
            int[] tid = new int[1];
            assertThatThrownBy(() -> entry.call(box.ns(), () -> {
                tid[0] = NativeThreads.currentTid();
                throw new IOException("refused inside");
            })).isInstanceOf(IOException.class).hasMessage("refused inside");
            assertThat(namespaceOf(tid[0])).isEqualTo(home.id().inode());
        }
    }

    @Test
    void stepsHandedOverRunInTheirOrderAndEachIsJoinedForItsResult() {
        try (Sandbox box = Sandbox.create(); NetNsThread entry = new NetNsThread()) {
            List<Integer> order = new ArrayList<>();
            List<NetNsThread.Step<Integer, RuntimeException>> steps = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                steps.add(entry.submit(box.ns(), () -> {
                    synchronized (order) {
                        order.add(n);
                    }
                    return n * n;
                }));
            }
            assertThat(steps.stream().map(NetNsThread.Step::join).toList()).containsExactly(0, 1, 4, 9, 16);
            assertThat(order).containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Test
    void aThreadThatCannotGoHomeIsDiscardedItsStepStillAnsweredAndANewOneTakesTheNext() throws Exception {
        try (Sandbox box = Sandbox.create(); NetNs home = NetNs.current(); NetNsThread entry = new NetNsThread()) {
            int stranded = entry.call(box.ns(), () -> {
                dropSysAdminFromThisThread(); // setns home needs it: the way back fails
                return NativeThreads.currentTid();
            });

            awaitGone(stranded);
            int next = entry.call(box.ns(), () -> {
                assertThat(namespaceOf(NativeThreads.currentTid())).isEqualTo(box.ns().id().inode());
                return NativeThreads.currentTid();
            });
            assertThat(next).as("a new thread").isNotEqualTo(stranded);
            assertThat(namespaceOf(next)).isEqualTo(home.id().inode());
        }
    }

    @Test
    void closeEndsTheThreadReleasesItsHomeAndRefusesLaterSteps() throws Exception {
        try (Sandbox box = Sandbox.create()) {
            OwnResources before = OwnResources.now();
            NetNsThread entry = new NetNsThread();
            entry.call(box.ns(), () -> null);
            OwnResources open = OwnResources.now().since(before);
            assertThat(open.threads()).singleElement().extracting(Thread::getName).asString()
                    .startsWith("jnetlink-netns-thread-");
            assertThat(open.namespaceHandles()).as("its home").hasSize(1);

            entry.close();
            entry.close();

            assertThat(OwnResources.settledAt(before)).isEqualTo(before);
            assertThatThrownBy(() -> entry.call(box.ns(), () -> null)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("run code in network namespace " + box.name() + ": this NetNsThread was closed");
        }
    }

    @Test
    void aStepCannotHandItsOwnThreadAnotherStep() {
        try (Sandbox box = Sandbox.create(); NetNsThread entry = new NetNsThread()) {
            assertThatThrownBy(() -> entry.call(box.ns(), () -> entry.call(box.ns(), () -> null)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("it would wait for itself");
            assertThat(entry.call(box.ns(), () -> "still serving")).isEqualTo("still serving");
        }
    }

    /** The inode of the network namespace thread {@code tid} of this process is in. */
    private static long namespaceOf(int tid) throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/self/task/" + tid + "/ns/net")).toString(); // net:[N]
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
    }

    private static void awaitGone(int tid) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Files.exists(Path.of("/proc/self/task/" + tid))) {
            assertThat(System.nanoTime()).as("thread " + tid + " ended within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** {@code capset(2)} on the calling thread: CAP_SYS_ADMIN out of its effective set, as a step giving up privilege. */
    private static void dropSysAdminFromThisThread() {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor call = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        MethodHandle capget = linker.downcallHandle(linker.defaultLookup().findOrThrow("capget"), call);
        MethodHandle capset = linker.downcallHandle(linker.defaultLookup().findOrThrow("capset"), call);
        try (Arena arena = Arena.ofConfined()) {
            dropSysAdmin(capget, capset, arena);
        }
    }

    private static void dropSysAdmin(MethodHandle capget, MethodHandle capset, Arena arena) {
        try {
            MemorySegment header = arena.allocate(8, 4);
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3); // pid 0: this thread
            MemorySegment data = arena.allocate(24, 4); // two of {effective, permitted, inheritable}
            assertThat((int) capget.invokeExact(header, data)).as("capget").isZero();
            data.set(JAVA_INT, 0, data.get(JAVA_INT, 0) & ~(1 << CAP_SYS_ADMIN));
            assertThat((int) capset.invokeExact(header, data)).as("capset").isZero();
        } catch (Throwable t) {
            throw new AssertionError("capset: " + t, t);
        }
    }
}
