package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;

import java.net.InetAddress;
import java.util.List;

/**
 * The reference plugin's round-robin walk over a range set: start after the last reserved
 * address (if it is still in the set), go to the end of its range, continue with the next range,
 * wrap around, skip gateways, stop when back at the start.
 */
final class RangeIterator {

    private final List<IpRange> ranges;
    private int rangeIndex;
    private InetAddress current;
    private InetAddress start;

    RangeIterator(RangeSet set, InetAddress lastReserved) {
        this.ranges = set.ranges();
        if (lastReserved != null) {
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i).contains(lastReserved)) {
                    rangeIndex = i;
                    current = lastReserved;
                    break;
                }
            }
        }
    }

    /** The range of the address {@link #next()} returned last. */
    IpRange range() {
        return ranges.get(rangeIndex);
    }

    /** The next candidate, or null once every address was offered. */
    InetAddress next() {
        while (true) {
            IpRange range = ranges.get(rangeIndex);
            if (current == null) {
                current = range.rangeStart();
                start = current;
            } else {
                if (current.equals(range.rangeEnd())) {
                    rangeIndex = (rangeIndex + 1) % ranges.size();
                    range = ranges.get(rangeIndex);
                    current = range.rangeStart();
                } else {
                    current = InetAddresses.next(current);
                }
                if (start == null) {
                    start = current;
                } else if (current.equals(start)) {
                    return null;
                }
            }
            if (!current.equals(range.gateway())) {
                return current;
            }
        }
    }
}
