package io.jnetlink.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * CPU time (user + system) of this process or of its waited-for children, from
 * {@code getrusage(2)}. The sum is exact (the scheduler's runtime); the split into user and
 * system is sampled at scheduler ticks and too coarse to use over short runs, so it is not offered.
 */
final class Rusage {

    private static final int RUSAGE_SELF = 0;
    private static final int RUSAGE_CHILDREN = -1;
    private static final long STRUCT_RUSAGE_SIZE = 144;
    private static final MethodHandle GETRUSAGE = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().findOrThrow("getrusage"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private Rusage() {
    }

    /** CPU nanoseconds used so far by this process (all threads). */
    static long selfCpuNanos() {
        return cpuNanos(RUSAGE_SELF);
    }

    /** CPU nanoseconds used so far by terminated, waited-for child processes. */
    static long childrenCpuNanos() {
        return cpuNanos(RUSAGE_CHILDREN);
    }

    private static long cpuNanos(int who) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment usage = arena.allocate(STRUCT_RUSAGE_SIZE, 8);
            if ((int) GETRUSAGE.invokeExact(who, usage) != 0) {
                throw new IllegalStateException("getrusage failed");
            }
            long user = usage.get(JAVA_LONG, 0) * 1_000_000_000L + usage.get(JAVA_LONG, 8) * 1_000L;
            long system = usage.get(JAVA_LONG, 16) * 1_000_000_000L + usage.get(JAVA_LONG, 24) * 1_000L;
            return user + system;
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
    }
}
