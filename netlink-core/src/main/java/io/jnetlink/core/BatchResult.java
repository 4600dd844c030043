package io.jnetlink.core;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of each request of a {@link NetlinkSocket#batch batch}, by position: one failure
 * does not hide the others' results.
 */
public final class BatchResult {

    private final NetlinkErrorException[] failures;

    BatchResult(NetlinkErrorException[] failures) {
        this.failures = failures;
    }

    /** The result of a batch of no requests. */
    public static BatchResult empty() {
        return new BatchResult(new NetlinkErrorException[0]);
    }

    /** How many requests the batch held. */
    public int size() {
        return failures.length;
    }

    /** Whether every request was acknowledged without error. */
    public boolean allSucceeded() {
        for (NetlinkErrorException failure : failures) {
            if (failure != null) {
                return false;
            }
        }
        return true;
    }

    /** How many requests were acknowledged without error. */
    public int succeeded() {
        int n = 0;
        for (NetlinkErrorException failure : failures) {
            n += failure == null ? 1 : 0;
        }
        return n;
    }

    /** The error of request {@code index} (0-based), if it failed. */
    public Optional<NetlinkErrorException> failure(int index) {
        return Optional.ofNullable(failures[index]);
    }

    /** Every failed request's error, by index. */
    public Map<Integer, NetlinkErrorException> failures() {
        Map<Integer, NetlinkErrorException> map = new TreeMap<>();
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] != null) {
                map.put(i, failures[i]);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "BatchResult[" + succeeded() + " of " + size() + " succeeded, failures=" + failures() + "]";
    }
}
