package io.jnetlink.ipam.etcd;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The allocator's round-robin walk after a cursor's address, numbered by steps from it, taken a window at a time. */
final class CandidateWalk {

    /**
     * A candidate of the walk.
     *
     * @param address the address
     * @param step    how many candidates after the cursor it lies (the first is 1)
     */
    record Candidate(InetAddress address, long step) {

        /** Numbered from the candidate at {@code step} instead: the cursor is there now. */
        Candidate after(long step) {
            return new Candidate(address, this.step - step);
        }
    }

    private final Iterator<InetAddress> candidates;
    private long step;

    CandidateWalk(Iterator<InetAddress> candidates) {
        this.candidates = candidates;
    }

    boolean hasNext() {
        return candidates.hasNext();
    }

    /** The next {@code count} candidates, fewer at the end of the walk. */
    List<Candidate> next(int count) {
        List<Candidate> window = new ArrayList<>();
        while (window.size() < count && candidates.hasNext()) {
            window.add(new Candidate(candidates.next(), ++step));
        }
        return window;
    }

    /** Passes over the next {@code count} candidates (read already). */
    void skip(long count) {
        for (long i = 0; i < count && candidates.hasNext(); i++) {
            candidates.next();
            step++;
        }
    }
}
