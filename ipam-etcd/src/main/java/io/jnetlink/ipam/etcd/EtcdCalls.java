package io.jnetlink.ipam.etcd;

import io.grpc.Status;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.IpamUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Sends etcd requests and waits for each at most the configured timeout; failures name the
 * endpoints and the request. etcd's back-pressure ("etcdserver: too many requests": its applied
 * index lags the committed one by more than 5,000 entries, and it refuses a write before
 * proposing it, so nothing of it happened) is a try-again: the request is sent again after a
 * growing, jittered pause while the timeout allows, then fails as {@link Unreachable} (try again
 * later).
 */
final class EtcdCalls {

    /** The first pause after a refusal; it doubles up to {@link #LONGEST_PAUSE_MILLIS}. */
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long LONGEST_PAUSE_MILLIS = 500;
    /** etcd's words for its back-pressure (its ErrTooManyRequests). */
    private static final String TOO_MANY_REQUESTS = "etcdserver: too many requests";

    private final String endpoints;
    private final long timeoutMillis;
    private final LongAdder backPressureRetries = new LongAdder();

    EtcdCalls(EtcdSettings settings) {
        this.endpoints = String.join(",", settings.endpoints());
        this.timeoutMillis = settings.timeout().toMillis();
    }

    /** Requests sent again because etcd refused them as too many, so far. */
    long backPressureRetries() {
        return backPressureRetries.sum();
    }

    /**
     * Sends {@code request} (again after each back-pressure refusal) and waits for its answer, all
     * within the timeout.
     */
    <T> T await(String what, Supplier<CompletableFuture<T>> request) {
        String where = "etcd at " + endpoints + ": " + what;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long pause = FIRST_PAUSE_MILLIS;
        String refused = null;
        for (int refusals = 0; ; refusals++) {
            CompletableFuture<T> sent = request.get();
            try {
                return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                sent.cancel(true);
                throw new Unreachable(where + (refused == null ? ": no answer within " + timeoutMillis + " ms"
                        : ": " + overloaded(refusals, refused) + ", then no answer"), e);
            } catch (ExecutionException e) {
                String cause = describe(e.getCause());
                if (isBackPressure(e.getCause())) {
                    refused = cause;
                    long sleep = ThreadLocalRandom.current().nextLong(pause / 2, pause + 1);
                    if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sleep) >= deadline) {
                        throw new Unreachable(where + ": " + overloaded(refusals + 1, refused), e.getCause());
                    }
                    backPressureRetries.increment();
                    pause(where, sleep);
                    pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
                    continue;
                }
                if (cause.startsWith("UNAVAILABLE") || cause.startsWith("DEADLINE_EXCEEDED")) {
                    throw new Unreachable(where + ": " + cause, e.getCause());
                }
                throw new Refused(where + ": " + cause, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreachable(where + ": interrupted", e);
            }
        }
    }

    private String overloaded(int refusals, String refusal) {
        return "etcd is overloaded, refused it " + (refusals == 1 ? "once" : refusals + " times") + " within "
                + timeoutMillis + " ms (" + refusal + ")";
    }

    /**
     * etcd's "etcdserver: too many requests" (gRPC UNKNOWN from etcd 3.4, RESOURCE_EXHAUSTED from
     * later versions); not its other RESOURCE_EXHAUSTED, a full database, which waits for an
     * operator, not for time.
     */
    static boolean isBackPressure(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        return (status.getCode() == Status.Code.RESOURCE_EXHAUSTED || status.getCode() == Status.Code.UNKNOWN)
                && status.getDescription() != null && status.getDescription().contains(TOO_MANY_REQUESTS);
    }

    private static void pause(String where, long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(where + ": interrupted", e);
        }
    }

    /** The messages along the cause chain (gRPC's status, then etcd's own words), each once. */
    private static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 5; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
        }
        return String.join(": ", parts);
    }

    /** etcd did not answer, or kept refusing as too busy; the caller adds what was attempted. */
    static final class Unreachable extends IpamUnavailableException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** etcd answered with an error (permission, bad request); the caller adds what was attempted. */
    static final class Refused extends IpamException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
