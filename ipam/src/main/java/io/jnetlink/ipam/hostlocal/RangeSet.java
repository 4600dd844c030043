package io.jnetlink.ipam.hostlocal;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ranges of one address family from which a container gets exactly one address.
 *
 * @param ranges the ranges, in the order they are tried; none overlap
 */
public record RangeSet(List<IpRange> ranges) {

    public RangeSet {
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("ranges: empty range set");
        }
        boolean ipv4 = ranges.getFirst().subnet().isIpv4();
        for (IpRange r : ranges) {
            if (r.subnet().isIpv4() != ipv4) {
                throw new IllegalArgumentException("ranges: mixed address families in one range set: "
                        + ranges.getFirst().subnet() + " and " + r.subnet());
            }
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                if (ranges.get(i).overlaps(ranges.get(j))) {
                    throw new IllegalArgumentException("ranges: subnets " + ranges.get(i) + " and " + ranges.get(j)
                            + " overlap");
                }
            }
        }
    }

    /** A set of one range. */
    public static RangeSet of(IpRange... ranges) {
        return new RangeSet(List.of(ranges));
    }

    /** The range holding {@code address}, or null. */
    public IpRange rangeFor(InetAddress address) {
        for (IpRange r : ranges) {
            if (r.contains(address)) {
                return r;
            }
        }
        return null;
    }

    public boolean contains(InetAddress address) {
        return rangeFor(address) != null;
    }

    /** True if any range of this set overlaps any of {@code other}. */
    public boolean overlaps(RangeSet other) {
        return ranges.stream().anyMatch(a -> other.ranges.stream().anyMatch(a::overlaps));
    }

    @Override
    public String toString() {
        return ranges.stream().map(IpRange::toString).collect(Collectors.joining(","));
    }
}
