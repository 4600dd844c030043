package io.jnetlink.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * This JVM's threads as the kernel sees them, for tests of wake-ups: a thread's kernel id, and
 * waiting until a thread sleeps in {@code poll}, so a test that wakes a blocked reader knows the
 * reader was blocked (rather than sleeping and hoping). The kernel tells what a sleeping thread
 * waits in: the first field of {@code /proc/self/task/<tid>/syscall} is the system call's number
 * ({@code running} while it runs). Java does not expose a thread's kernel id, so the thread learns
 * its own ({@link #currentTid()}) and hands it over, e.g. from a listener that runs on it.
 */
public final class NativeThreads {

    private static final long WAIT_NANOS = 10_000_000_000L;

    private NativeThreads() {
    }

    /** The calling thread's kernel id (its {@code tid}), from {@code /proc/thread-self}. */
    public static int currentTid() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString(); // <pid>/task/<tid>
            return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException e) {
            throw new IllegalStateException("readlink /proc/thread-self: " + e, e);
        }
    }

    /**
     * What the kernel says thread {@code tid} of this process is doing: the system call it sleeps
     * in and its arguments, {@code running}, or {@code gone} if it ended (or is ending: the kernel
     * then answers {@code ESRCH}).
     */
    public static String syscall(int tid) {
        try {
            return Files.readString(Path.of("/proc/self/task/" + tid + "/syscall")).trim();
        } catch (NoSuchFileException ended) {
            return "gone";
        } catch (IOException ending) {
            return "gone (" + ending.getMessage() + ")";
        }
    }

    /** Whether thread {@code tid} of this process sleeps in {@code poll} or {@code ppoll} now. */
    public static boolean isInPoll(int tid) {
        String call = syscall(tid).split(" ", 2)[0];
        return call.chars().allMatch(Character::isDigit) && pollCalls().contains(Integer.parseInt(call));
    }

    /**
     * Waits until thread {@code tid} of this process sleeps in {@code poll} or {@code ppoll}.
     *
     * @throws AssertionError after 10 s, with what the thread was doing
     */
    public static void awaitInPoll(int tid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!isInPoll(tid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thread " + tid + " is not blocked in poll within 10 s: /proc/self/task/"
                        + tid + "/syscall says " + syscall(tid));
            }
            Thread.sleep(5);
        }
    }

    /** The numbers of {@code poll} and {@code ppoll} on this machine (aarch64 has only {@code ppoll}). */
    static Set<Integer> pollCalls() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> Set.of(7, 271);
            case "aarch64" -> Set.of(73);
            default -> throw new IllegalStateException("the poll system call numbers of " + arch
                    + " are not known here: add them to NativeThreads.pollCalls");
        };
    }
}
