package io.jnetlink.core;

import io.jnetlink.core.internal.Syscalls;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform thread of one's own for short steps inside other network namespaces: for each step
 * it enters the namespace ({@code setns}), runs the step, and enters its home namespace again:
 * what {@link NetNs#call} does with a fresh thread each time, for callers that visit namespaces
 * often, such as a CNI plugin opening a socket in each container's namespace (a thread start costs
 * about 0.06 ms, more on a busy machine; the two {@code setns} calls a few microseconds). The
 * caller's thread never moves. Its home is the namespace of the thread that made it; the handle
 * on it is held until {@link #close}.
 *
 * <p>If the thread cannot enter its home again, it is discarded: it ends, and with it its place in
 * the other namespace; that step's outcome is still delivered, and a new thread takes the next
 * step. Steps run one at a time in the order they came ({@link #submit} hands one over and
 * returns at once; {@link #call} waits for it). The thread is started by the first step and ends
 * at {@link #close}, after the steps handed over before; closing again does nothing.
 *
 * <pre>{@code
 * try (NetNsThread entry = new NetNsThread(); NetNs blue = NetNs.named("blue")) {
 *     NetNsId id = entry.call(blue, () -> {
 *         try (NetNs here = NetNs.current()) {
 *             return here.id();
 *         }
 *     });
 * }
 * }</pre>
 */
public final class NetNsThread implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.jnetlink.netns");
    private static final AtomicInteger NUMBER = new AtomicInteger();
    /** The namespace the current step entered, on a worker while it runs one; null elsewhere. */
    private static final ThreadLocal<NetNs> ENTERED = new ThreadLocal<>();

    private final NetNs home;
    private final Object lock = new Object();
    private final Queue<Step<?, ?>> steps = new ArrayDeque<>(); // under lock
    private Thread worker; // under lock: the thread taking steps, null while none runs
    private boolean closed; // under lock

    /** A thread whose home is the calling thread's namespace; not started until the first step. */
    public NetNsThread() {
        this.home = NetNs.current();
    }

    /**
     * Runs {@code task} on this thread inside {@code ns}, after the steps handed over before, and
     * returns its result or throws what it threw. Entering needs {@code CAP_SYS_ADMIN} (even for
     * the namespace the caller is in); a refusal names the namespace and the capability. An
     * interrupt of the caller does not abandon the step: it is waited for, and the caller's
     * interrupt flag is set again on return.
     *
     * @throws X what {@code task} throws
     * @throws IllegalStateException if this was closed, or when called from one of its own steps
     */
    public <T, X extends Exception> T call(NetNs ns, NetNs.Task<T, X> task) throws X {
        return submit(ns, task).join();
    }

    /**
     * Hands {@code task} over to run on this thread inside {@code ns} after the steps handed over
     * before, and returns at once; {@link Step#join} waits for its outcome. Join every step:
     * what a step returns is the joiner's (a socket it opened, say).
     *
     * @throws IllegalStateException if this was closed, or when called from one of its own steps
     */
    public <T, X extends Exception> Step<T, X> submit(NetNs ns, NetNs.Task<T, X> task) {
        if (Thread.currentThread() == currentWorker()) {
            throw new IllegalStateException("run code in network namespace " + ns.description()
                    + ": a step of a NetNsThread cannot hand it another step (it would wait for itself)");
        }
        Step<T, X> step = new Step<>(ns, ns.fd(), task); // a closed handle fails here, in the caller's thread
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("run code in network namespace " + ns.description()
                        + ": this NetNsThread was closed");
            }
            steps.add(step);
            if (worker == null) {
                worker = start();
            }
            lock.notifyAll();
        }
        return step;
    }

    /**
     * Ends the thread once the steps handed over have run, and releases the handle on its home;
     * later steps are refused. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (Thread.currentThread() == worker) {
                throw new IllegalStateException("close: a step of a NetNsThread cannot close it (it would wait for itself)");
            }
            closed = true;
            lock.notifyAll();
        }
        while (true) { // a worker discarded meanwhile may have handed the rest to a new one
            Thread ending = currentWorker();
            if (ending == null) {
                break;
            }
            NetNs.awaitEnd(ending, () -> { }); // a step is never abandoned half-way
        }
        home.close();
    }

    @Override
    public String toString() {
        Thread w = currentWorker();
        return "NetNsThread[" + (w == null ? "not running" : w.getName()) + ", home " + home.description() + "]";
    }

    private Thread currentWorker() {
        synchronized (lock) {
            return worker;
        }
    }

    /** Starts a new worker; called under the lock (which it takes before its first step). */
    private Thread start() {
        return Thread.ofPlatform().name("jnetlink-netns-thread-" + NUMBER.incrementAndGet()).daemon()
                .start(this::work);
    }

    /** The worker: goes home, then takes steps until closed and idle, or until it cannot go home. */
    private void work() {
        int homeFd = home.fd();
        try {
            Syscalls.setns(homeFd, Syscalls.CLONE_NEWNET); // started from a thread that may be elsewhere
        } catch (RuntimeException e) {
            failAll(e);
            return;
        }
        while (true) {
            Step<?, ?> step;
            synchronized (lock) {
                while (steps.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // only close() ends the loop
                    }
                }
                step = steps.poll();
                if (step == null) {
                    worker = null;
                    return;
                }
            }
            boolean returned = step.runFrom(homeFd);
            if (!returned) {
                synchronized (lock) {
                    worker = steps.isEmpty() ? null : start(); // decided before the step's joiner goes on
                }
                step.finish();
                return;
            }
            step.finish();
        }
    }

    /** Fails every step waiting: a new worker could not enter the home namespace. */
    private void failAll(RuntimeException cause) {
        while (true) {
            Step<?, ?> step;
            synchronized (lock) {
                step = steps.poll();
                if (step == null) {
                    worker = null;
                    return;
                }
            }
            step.fail(cause);
            step.finish();
        }
    }

    /**
     * The namespace the calling thread's step entered, if the caller is a step of a NetNsThread
     * (which knows where its thread is without asking the kernel); null for any other thread.
     */
    static NetNs entered() {
        return ENTERED.get();
    }

    /**
     * A step handed to a {@link NetNsThread}: {@link #join} waits for it and returns its result,
     * or throws what it threw.
     *
     * @param <T> what the step returns
     * @param <X> what the step throws
     */
    public static final class Step<T, X extends Exception> {
        private final NetNs ns;
        private final int nsFd;
        private final NetNs.Task<T, X> task;
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Throwable failure;

        private Step(NetNs ns, int nsFd, NetNs.Task<T, X> task) {
            this.ns = ns;
            this.nsFd = nsFd;
            this.task = task;
        }

        /**
         * Waits until the step has run and returns its result, or throws what it threw (or why it
         * could not run). An interrupt does not abandon the wait: the flag is set again on return.
         *
         * @throws X what the step threw
         */
        public T join() throws X {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // a namespace step is never abandoned half-way
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure == null) {
                return result;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            @SuppressWarnings("unchecked") X thrown = (X) failure; // only the task throws checked exceptions
            throw thrown;
        }

        /** Enters the namespace, runs the task, enters {@code homeFd} again; false if that failed. */
        private boolean runFrom(int homeFd) {
            try {
                ns.enter(nsFd, "run code");
            } catch (RuntimeException e) {
                failure = e; // not moved: still home
                return true;
            }
            ENTERED.set(ns);
            try {
                result = task.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                ENTERED.remove();
            }
            try {
                Syscalls.setns(homeFd, Syscalls.CLONE_NEWNET);
                return true;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> Thread.currentThread().getName() + ": cannot return from "
                        + "network namespace " + ns.description() + " to its own (" + e.getMessage()
                        + "); the thread is discarded and a new one takes the next step");
                return false;
            }
        }

        private void fail(Throwable cause) {
            failure = cause;
        }

        private void finish() {
            done.countDown();
        }
    }
}
