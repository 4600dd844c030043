package io.jnetlink.ipam.hostlocal;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** Whatever the ranges and the last reserved address, the walk offers every leasable address exactly once. */
class RangeIteratorPropertiesTest {

    /** Up to three disjoint ranges: /26../30 subnets of 10.0.k.0, each with a random start and end. */
    private static Gen<RangeSet> rangeSets() {
        Gen<IpRange> range = integers().between(0, 7).zip(integers().between(26, 30), integers().between(0, 1000),
                integers().between(0, 1000), integers().between(0, 1000), (k, length, a, b, g) -> {
                    Prefix subnet = Prefix.parseNetwork("10.0." + k + ".0/" + length);
                    int size = 1 << (32 - length);
                    int lo = 1 + a % (size - 2);
                    int hi = 1 + b % (size - 2);
                    return new IpRange(subnet, host(k, Math.min(lo, hi)), host(k, Math.max(lo, hi)),
                            host(k, 1 + g % (size - 2)));
                });
        return lists().of(range).ofSizeBetween(1, 3).map(RangeIteratorPropertiesTest::distinctSubnets);
    }

    private static RangeSet distinctSubnets(List<IpRange> ranges) {
        List<IpRange> kept = new ArrayList<>();
        for (IpRange r : ranges) {
            if (kept.stream().noneMatch(k -> k.subnet().network().equals(r.subnet().network()))) {
                kept.add(r);
            }
        }
        return new RangeSet(kept);
    }

    private static InetAddress host(int k, int offset) {
        return InetAddresses.parse("t", "10.0." + k + "." + offset);
    }

    @Test
    void everyLeasableAddressExactlyOnce() {
        qt().withExamples(3000).forAll(rangeSets(), integers().between(0, 7), integers().between(0, 255))
                .checkAssert((set, k, offset) -> {
                    Set<InetAddress> leasable = new HashSet<>();
                    for (IpRange r : set.ranges()) {
                        for (InetAddress a = r.rangeStart(); ; a = InetAddresses.next(a)) {
                            if (!a.equals(r.gateway())) {
                                leasable.add(a);
                            }
                            if (a.equals(r.rangeEnd())) {
                                break;
                            }
                        }
                    }
                    InetAddress last = host(k, offset);
                    RangeIterator walk = new RangeIterator(set, last);
                    List<InetAddress> offered = new ArrayList<>();
                    for (InetAddress a = walk.next(); a != null; a = walk.next()) {
                        assertThat(walk.range().contains(a)).isTrue();
                        offered.add(a);
                        assertThat(offered.size()).isLessThanOrEqualTo(leasable.size());
                    }
                    assertThat(offered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(leasable);
                    if (set.contains(last) && !offered.isEmpty() && leasable.size() > 1) {
                        assertThat(offered.getFirst()).isNotEqualTo(last);
                    }
                });
    }
}
