package io.jnetlink.ipam.etcd;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Which of the free candidates after the cursor a reservation takes. Alone, the first: host-local's
 * order. Once this store has lost a race (another host took the address between this store's read
 * and its write), one of the first {@code width} free candidates at random, so that hosts
 * allocating at the same moment spread over the next free addresses instead of all racing for the
 * first; the width doubles with each lost race (up to {@value #WIDEST}) and shrinks by a sixteenth
 * with each won reservation, back to 1 (in order again) once the contention is over.
 */
final class Spread {

    /** The widest spread, in free candidates. */
    static final int WIDEST = 64;

    private double width = 1;

    /** How many candidates to read at once: enough to choose among. */
    synchronized int lookAhead() {
        return Math.max(16, 3 * (int) width);
    }

    /** How many free candidates to choose among, when there are as many. */
    synchronized int among() {
        return (int) width;
    }

    /** The index of the candidate to take among {@code free} free ones (0: the first). */
    synchronized int pick(int free) {
        int among = Math.min(free, (int) width);
        return among <= 1 ? 0 : ThreadLocalRandom.current().nextInt(among);
    }

    /** Another host took the address first. */
    synchronized void lost() {
        width = Math.min(WIDEST, width * 2);
    }

    /** The address was reserved. */
    synchronized void won() {
        width = Math.max(1, width * 15 / 16);
    }
}
