package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Link counters ({@code ip -s link}) read four ways (one link's {@code RTM_GETSTATS}, the
 * {@code RTM_GETSTATS} dump, {@code IFLA_STATS64} of a link dump and of a link) after a real ping from a
 * macvlan to another namespace, cross-checked with {@code ip -j -s -s link}. Counters only grow
 * (IPv6 neighbour discovery may add packets at any time), so every other reading must lie between
 * a reading taken before and one taken after it.
 */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class LinkStatsTest {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\\d+)");

    /** {@code ip -j -s -s link} keys of {@code stats64.rx} and {@code stats64.tx}, and the counter each shows. */
    private static final Map<String, ToLongFunction<LinkStats>> RX = new LinkedHashMap<>();
    private static final Map<String, ToLongFunction<LinkStats>> TX = new LinkedHashMap<>();

    static {
        RX.put("bytes", LinkStats::rxBytes);
        RX.put("packets", LinkStats::rxPackets);
        RX.put("errors", LinkStats::rxErrors);
        RX.put("dropped", LinkStats::rxDropped);
        RX.put("over_errors", LinkStats::rxOverErrors);
        RX.put("multicast", LinkStats::multicast);
        RX.put("length_errors", LinkStats::rxLengthErrors);
        RX.put("crc_errors", LinkStats::rxCrcErrors);
        RX.put("frame_errors", LinkStats::rxFrameErrors);
        RX.put("fifo_errors", LinkStats::rxFifoErrors);
        RX.put("missed_errors", LinkStats::rxMissedErrors);
        RX.put("compressed", LinkStats::rxCompressed);
        RX.put("nohandler", LinkStats::rxNohandler);
        RX.put("otherhost", LinkStats::rxOtherhostDropped);
        TX.put("bytes", LinkStats::txBytes);
        TX.put("packets", LinkStats::txPackets);
        TX.put("errors", LinkStats::txErrors);
        TX.put("dropped", LinkStats::txDropped);
        TX.put("carrier_errors", LinkStats::txCarrierErrors);
        TX.put("collisions", LinkStats::collisions);
        TX.put("aborted_errors", LinkStats::txAbortedErrors);
        TX.put("fifo_errors", LinkStats::txFifoErrors);
        TX.put("window_errors", LinkStats::txWindowErrors);
        TX.put("heartbeat_errors", LinkStats::txHeartbeatErrors);
        TX.put("compressed", LinkStats::txCompressed);
    }

    @Test
    void aPingIsCountedAndEveryWayOfReadingAgreesWithIp(Topology t) {
        NetNs far = t.box.namespace("far");
        RtNetlink there = t.box.closeLater(RtNetlink.open(far));
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.links().setUp("mv0");
        t.rt.addresses().add("mv0", Address.parse("192.0.2.10/24"));
        t.links().moveTo("peer0", far);
        there.links().setUp("peer0");
        there.addresses().add("peer0", Address.parse("192.0.2.20/24"));

        LinkStats before = t.links().stats("mv0");
        assertThat(Ping.answers(t.box.ns(), "192.0.2.20")).as("ping 192.0.2.20 from mv0").isTrue();
        LinkStats low = t.links().stats("mv0");
        assertThat(low.txPackets() - before.txPackets()).as("echo requests (and ARP) sent").isGreaterThanOrEqualTo(2);
        assertThat(low.rxPackets() - before.rxPackets()).as("echo replies (and ARP) received").isGreaterThanOrEqualTo(2);
        assertThat(low.txBytes() - before.txBytes()).as("two 84-byte IP packets sent").isGreaterThanOrEqualTo(2 * 84);
        assertThat(low.rxBytes() - before.rxBytes()).isGreaterThanOrEqualTo(2 * 84);
        assertThat(there.links().stats("peer0").rxPackets()).as("the far end's count").isGreaterThanOrEqualTo(2);

        String json = Command.check("ip", "-n", t.name(), "-j", "-s", "-s", "link", "show", "dev", "mv0");
        Link dumped = t.links().list().stream().filter(l -> l.name().equals("mv0")).findFirst().orElseThrow();
        LinkStats fromStatsDump = t.links().statsAll().get(dumped.index());
        LinkStats byIndex = t.links().stats(dumped.index()).orElseThrow();
        LinkStats fromGet = t.links().require("mv0").stats();
        LinkStats high = t.links().stats("mv0");

        assertBetween("ip -j -s -s rx", counters(json, "rx"), RX, low, high);
        assertBetween("ip -j -s -s tx", counters(json, "tx"), TX, low, high);
        for (LinkStats read : new LinkStats[] {dumped.stats(), fromStatsDump, byIndex, fromGet}) {
            assertBetween("rx", asMap(read, RX), RX, low, high);
            assertBetween("tx", asMap(read, TX), TX, low, high);
        }
        assertThat(t.links().statsAll()).containsKeys(t.links().require("lo").index(), dumped.index());
        assertThat(t.links().list()).allSatisfy(l -> assertThat(l.stats()).as(l.name()).isNotNull());
        assertThat(high.toString()).startsWith("RX: bytes " + Long.toUnsignedString(high.rxBytes()) + " packets ");
    }

    @Test
    void absentLinksAndBadIndexes(Topology t) {
        assertThatThrownBy(() -> t.links().stats("nosuch0")).isInstanceOf(LinkNotFoundException.class)
                .hasMessageContaining("get statistics of link nosuch0: no link named \"nosuch0\"");
        assertThat(t.links().stats(999_999)).isEmpty();
        assertThatThrownBy(() -> t.links().stats(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("link index: must be positive, got 0");
        assertThatThrownBy(() -> t.links().stats("bad/name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("link name");
    }

    /** Every counter {@code ip} showed lies between {@code low} and {@code high}; the main ones were shown. */
    private static void assertBetween(String what, Map<String, Long> shown, Map<String, ToLongFunction<LinkStats>> keys,
                                      LinkStats low, LinkStats high) {
        assertThat(shown).as(what).containsKeys("bytes", "packets", "errors", "dropped");
        shown.forEach((key, value) -> {
            ToLongFunction<LinkStats> counter = keys.get(key);
            if (counter != null) { // carrier_changes is no rtnl_link_stats64 counter
                assertThat(value).as(what + " " + key).isBetween(counter.applyAsLong(low), counter.applyAsLong(high));
            }
        });
    }

    private static Map<String, Long> asMap(LinkStats stats, Map<String, ToLongFunction<LinkStats>> keys) {
        Map<String, Long> values = new LinkedHashMap<>();
        keys.forEach((key, counter) -> values.put(key, counter.applyAsLong(stats)));
        return values;
    }

    /** The numbers of {@code "stats64":{"rx":{...}}} (or {@code tx}) of {@code ip -j -s -s link show}. */
    private static Map<String, Long> counters(String json, String direction) {
        String stats = json.substring(json.indexOf("\"stats64\":{"));
        String object = stats.substring(stats.indexOf("\"" + direction + "\":{"));
        object = object.substring(0, object.indexOf('}'));
        Map<String, Long> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(object);
        while (m.find()) {
            fields.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return fields;
    }
}
