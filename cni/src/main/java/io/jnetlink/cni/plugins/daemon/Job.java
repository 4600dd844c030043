package io.jnetlink.cni.plugins.daemon;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One plugin call between the connection that asked for it and the worker that runs it. The
 * worker runs it unless the caller gave up first (a timeout while it waited for its turn: then it
 * never runs); after running, the worker waits for the connection's verdict, and if the answer
 * never reached the caller (a timeout, or a caller gone), it undoes a successful ADD, so nothing is
 * left that the caller does not know of.
 */
final class Job {

    /** What became of the answer. */
    enum Verdict { DELIVERED, UNDELIVERED, TIMED_OUT }

    private Frames.Answer answer;   // guarded by this
    private Verdict verdict;        // guarded by this
    private boolean started;        // guarded by this

    /**
     * The worker's side: runs {@code call} unless the caller has given up; once the connection has
     * said what became of the answer, runs {@code undo} if it was a success nobody received.
     *
     * @return whether {@code call} ran
     */
    boolean run(Supplier<Frames.Answer> call, Runnable undo) {
        synchronized (this) {
            if (verdict != null) {
                return false;
            }
            started = true;
        }
        Frames.Answer result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) { // the executable's run catches everything; this is a daemon fault
            result = new Frames.Answer(1, new byte[0], String.valueOf(e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Verdict end;
        synchronized (this) {
            answer = result;
            notifyAll();
            while (verdict == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // keep waiting: the verdict decides about the undo
                }
            }
            end = verdict;
        }
        if (end != Verdict.DELIVERED && result.exitCode() == 0) {
            undo.run();
        }
        return true;
    }

    /**
     * The connection's side: the answer, or null when {@code timeout} passed first (the verdict is
     * then {@link Verdict#TIMED_OUT} and the call is undone or never run).
     */
    synchronized Frames.Answer await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answer == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                verdict = Verdict.TIMED_OUT;
                notifyAll();
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return answer;
    }

    /** Whether the worker had begun the call (for a timeout's log line). */
    synchronized boolean started() {
        return started;
    }

    /** The connection says whether the answer reached the caller. */
    synchronized void decided(Verdict what) {
        if (verdict == null) {
            verdict = what;
            notifyAll();
        }
    }
}
