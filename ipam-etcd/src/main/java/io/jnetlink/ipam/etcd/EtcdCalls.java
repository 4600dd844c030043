package io.jnetlink.ipam.etcd;

import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.IpamUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for etcd requests at most the configured timeout; failures name the endpoints and the request. */
final class EtcdCalls {

    private final String endpoints;
    private final long timeoutMillis;

    EtcdCalls(EtcdSettings settings) {
        this.endpoints = String.join(",", settings.endpoints());
        this.timeoutMillis = settings.timeout().toMillis();
    }

    <T> T await(String what, CompletableFuture<T> request) {
        String where = "etcd at " + endpoints + ": " + what;
        try {
            return request.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.cancel(true);
            throw new Unreachable(where + ": no answer within " + timeoutMillis + " ms", e);
        } catch (ExecutionException e) {
            String cause = describe(e.getCause());
            if (cause.startsWith("UNAVAILABLE") || cause.startsWith("DEADLINE_EXCEEDED")) {
                throw new Unreachable(where + ": " + cause, e.getCause());
            }
            throw new Refused(where + ": " + cause, e.getCause());
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

    /** etcd did not answer; the caller adds what was attempted. */
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
