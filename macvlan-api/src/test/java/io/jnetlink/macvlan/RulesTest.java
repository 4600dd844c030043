package io.jnetlink.macvlan;

import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.core.rtnl.Rtnetlink;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policy-routing rules, both families, every selector and action, each read back as {@code ip -j rule} shows it. */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class RulesTest {

    /** One rule per selector and action the kernel has, as a network agent would write them. */
    private static final List<Rule> IPV4 = List.of(
            Rule.from("192.0.2.10").lookup(100).withPriority(100),
            Rule.to("198.51.100.0/24").withIif("lo").withFwmark(0x10, 0xff).withTos(0x10).withIpProto(6)
                    .withSourcePorts(1000, 1000).withDestinationPorts(80, 90).lookup(1000).withPriority(200),
            Rule.from("203.0.113.0/24").inverted().withAction(RuleAction.PROHIBIT).withPriority(300),
            Rule.all(IpFamily.IPV4).lookup(Rtnetlink.RT_TABLE_MAIN).withSuppressPrefixLength(0).withPriority(301),
            Rule.all(IpFamily.IPV4).gotoRule(400).withPriority(302),
            Rule.all(IpFamily.IPV4).withFwmark(7).withAction(RuleAction.BLACKHOLE).withPriority(303),
            Rule.all(IpFamily.IPV4).withOif("parent0").withUidRange(1000, 2000).withAction(RuleAction.UNREACHABLE)
                    .withProtocol(Rtnetlink.RTPROT_STATIC).withPriority(400),
            Rule.from("192.0.2.0/24").lookup(4_000_000_000L).withSuppressIfgroup(5).withPriority(401),
            Rule.all(IpFamily.IPV4).withAction(RuleAction.NOP).withPriority(402));

    private static final List<Rule> IPV6 = List.of(
            Rule.from("2001:db8::1").lookup(200).withPriority(1000),
            Rule.to("2001:db8:1::/48").withIpProto(58).withAction(RuleAction.PROHIBIT).withPriority(1001));

    @Test
    void everySelectorAndActionAddedAndReadBackAsIpShowsIt(Topology t) {
        IPV4.forEach(t.rt.rules()::add);
        IPV6.forEach(t.rt.rules()::add);

        assertSameAsIp(t, IpFamily.IPV4);
        assertSameAsIp(t, IpFamily.IPV6);
        List<Rule> added = t.rt.rules().list().stream().filter(r -> r.priority() >= 100 && r.priority() < 32765)
                .toList();
        assertThat(added).hasSize(IPV4.size() + IPV6.size());
        // read back equal to what was added, but for the table adding takes as main
        assertThat(added).containsAll(IPV4.stream().filter(r -> r.action() != RuleAction.LOOKUP || r.table() != 0)
                .toList()).containsAll(IPV6);
        assertThat(t.rt.rules().list(IpFamily.IPV6)).allSatisfy(r -> assertThat(r.family()).isEqualTo(IpFamily.IPV6));
        // the kernel's own rules: local, main, default
        assertThat(t.rt.rules().list(IpFamily.IPV4)).extracting(Rule::toString)
                .contains("0: from all lookup local", "32766: from all lookup main", "32767: from all lookup default");
    }

    @Test
    void aRuleWithoutPriorityGetsTheKernelsAndDeleteMatchesWhatItSets(Topology t) {
        t.rt.rules().add(Rule.from("192.0.2.10").lookup(100));
        t.rt.rules().add(Rule.from("192.0.2.11").lookup(101));
        assertThat(t.rt.rules().list(IpFamily.IPV4)).extracting(Rule::toString)
                .contains("32765: from 192.0.2.10 lookup 100", "32764: from 192.0.2.11 lookup 101");
        assertSameAsIp(t, IpFamily.IPV4);

        assertThatThrownBy(() -> t.rt.rules().add(Rule.from("192.0.2.10").lookup(100).withPriority(32765)))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EEXIST");
                    assertThat(e.getMessage()).contains("add rule 32765: from 192.0.2.10 lookup 100");
                });
        t.rt.rules().delete(Rule.from("192.0.2.10")); // any priority, any table, as `ip rule del from`
        assertThat(t.rt.rules().list(IpFamily.IPV4)).extracting(Rule::toString)
                .doesNotContain("32765: from 192.0.2.10 lookup 100").contains("32764: from 192.0.2.11 lookup 101");
        assertThatThrownBy(() -> t.rt.rules().delete(Rule.from("192.0.2.11").lookup(999)))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).contains("delete rule from 192.0.2.11 lookup 999").contains(t.name());
                });
        t.rt.rules().delete(Rule.from("192.0.2.11").lookup(101).withPriority(32764));
        assertThat(Command.check("ip", "-n", t.name(), "rule")).doesNotContain("192.0.2.11");
    }

    @Test
    void aRuleSendsASourcesRoutesThroughItsTable(Topology t) {
        t.rt.addresses().add("parent0", Address.parse("192.0.2.10/24"));
        t.rt.routes().add(Route.defaultRoute(IpFamily.IPV4).withGateway("192.0.2.1").withDev("parent0").withTable(100));
        t.rt.rules().add(Rule.from("192.0.2.10").lookup(100).withPriority(100));

        assertThat(Command.check("ip", "-n", t.name(), "route", "get", "198.51.100.1", "from", "192.0.2.10"))
                .contains("via 192.0.2.1").contains("table 100");
        t.rt.rules().delete(Rule.from("192.0.2.10").lookup(100).withPriority(100));
        assertThat(Command.run("ip", "-n", t.name(), "route", "get", "198.51.100.1", "from", "192.0.2.10").output())
                .doesNotContain("table 100");
    }

    @Test
    void badInputIsRefusedBeforeTheKernelNamingTheField() {
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).withDestinationPorts(0, 80))
                .hasMessageContaining("rule port range: 0-80");
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).withSourcePorts(1, 65535))
                .hasMessageContaining("rule port range: 1-65535");
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).withUidRange(5, 1)).hasMessageContaining("rule uidrange: 5-1");
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).withUidRange(0, 0xffff_ffffL))
                .hasMessageContaining("rule uidrange");
        assertThatThrownBy(() -> Rule.from("192.0.2.10").withTo(io.jnetlink.core.inet.Prefix.parse("2001:db8::/32")))
                .hasMessageContaining("rule to: 2001:db8::/32 is not of the rule's family");
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).withTos(256)).hasMessageContaining("rule tos: 256");
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).lookup(-1)).hasMessageContaining("rule table: -1");
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).withPriority(1L << 32)).hasMessageContaining("rule priority");
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).withIif("bad/name")).hasMessageContaining("rule iif");
        assertThatThrownBy(() -> Rule.all(IpFamily.IPV4).withAction(RuleAction.GOTO)).hasMessageContaining("gotoRule");
        assertThatThrownBy(() -> Rule.from("not-an-address")).hasMessageContaining("rule from");
    }

    @Test
    void kernelRefusalsCarryTheExtendedAck(Topology t) {
        t.rt.rules().add(Rule.all(IpFamily.IPV4).lookup(5).withPriority(500));
        // both are the kernel's to judge: ECN bits in a tos, a goto backwards
        assertThatThrownBy(() -> t.rt.rules().add(Rule.all(IpFamily.IPV4).withTos(0x03).lookup(5)))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.getMessage()).containsAnyOf("ECN bits must be 0", "Invalid tos").contains("tos 0x3");
                });
        assertThatThrownBy(() -> t.rt.rules().add(Rule.all(IpFamily.IPV4).gotoRule(10).withPriority(20)))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.getMessage()).contains("Backward goto not supported").contains("goto 10");
                });
    }

    @Test
    void addedAndDeletedRulesAreEvents(Topology t) throws Exception {
        BlockingQueue<NetEvent> events = new LinkedBlockingQueue<>();
        try (Subscription subscription = t.rt.subscribe(events::add)) {
            Rule rule = Rule.from("2001:db8::7").lookup(700).withPriority(700);
            t.rt.rules().add(rule);
            t.rt.rules().delete(rule);
            assertThat(next(events)).isEqualTo(new NetEvent.RuleEvent(NetEvent.Change.NEW, rule));
            assertThat(next(events)).isEqualTo(new NetEvent.RuleEvent(NetEvent.Change.DELETED, rule));
            assertThat(subscription.failure()).isNull();
        }
    }

    private static NetEvent.RuleEvent next(BlockingQueue<NetEvent> events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            NetEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e instanceof NetEvent.RuleEvent rule) {
                return rule;
            }
        }
        throw new AssertionError("no rule event within 10 s");
    }

    /** Our list and {@code ip -j rule}'s, rule by rule, and our text and {@code ip rule}'s, line by line. */
    private static void assertSameAsIp(Topology t, IpFamily family) {
        String familyOption = family == IpFamily.IPV4 ? "-4" : "-6";
        List<Rule> ours = t.rt.rules().list(family);
        List<Map<String, Object>> ip = IpJson.objects(t.name(), familyOption, "rule", "show");
        assertThat(ours.stream().map(RulesTest::asIpPrintsIt).toList()).isEqualTo(ip.stream().map(RulesTest::texts).toList());
        List<String> lines = Command.check("ip", "-n", t.name(), familyOption, "rule", "show").lines()
                .map(l -> l.replace(":\t", ": ").strip()).toList();
        assertThat(ours).extracting(Rule::toString).isEqualTo(lines);
    }

    private static Map<String, String> texts(Map<String, Object> json) {
        Map<String, String> texts = new LinkedHashMap<>();
        json.forEach((k, v) -> texts.put(k, String.valueOf(v)));
        return texts;
    }

    /** The keys and values {@code ip -j rule} (iproute2 6.1) prints for a rule, in its order. */
    private static Map<String, String> asIpPrintsIt(Rule r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("priority", String.valueOf(r.priority()));
        if (r.isInverted()) {
            m.put("not", "null");
        }
        if (r.from() == null) {
            m.put("src", "all");
        } else {
            m.put("src", io.jnetlink.core.inet.InetAddresses.text(r.from().address()));
            if (r.from().length() != r.family().bits()) {
                m.put("srclen", String.valueOf(r.from().length()));
            }
        }
        if (r.to() != null) {
            m.put("dst", io.jnetlink.core.inet.InetAddresses.text(r.to().address()));
            if (r.to().length() != r.family().bits()) {
                m.put("dstlen", String.valueOf(r.to().length()));
            }
        }
        if (r.tos() != 0) {
            m.put("tos", "0x" + Integer.toHexString(r.tos()));
        }
        if (r.fwmark() != null) {
            m.put("fwmark", "0x" + Long.toHexString(r.fwmark().value()));
            if (r.fwmark().mask() != 0xffff_ffffL) {
                m.put("fwmask", "0x" + Long.toHexString(r.fwmark().mask()));
            }
        }
        if (r.iif() != null) {
            m.put("iif", r.iif());
        }
        if (r.oif() != null) {
            m.put("oif", r.oif());
        }
        if (r.uidRange() != null) {
            m.put("uid_start", String.valueOf(r.uidRange().start()));
            m.put("uid_end", String.valueOf(r.uidRange().end()));
        }
        if (r.ipProto() != 0) {
            m.put("ipproto", Rule.ipProtoName(r.ipProto()));
        }
        ports(m, "sport", r.sourcePorts());
        ports(m, "dport", r.destinationPorts());
        switch (r.action()) {
            case LOOKUP -> {
                m.put("table", Rule.tableName(r.table()));
                if (r.suppressPrefixLength() != null) {
                    m.put("suppress_prefixlen", String.valueOf(r.suppressPrefixLength()));
                }
                if (r.suppressIfgroup() != null) {
                    m.put("suppress_ifgroup", String.valueOf(r.suppressIfgroup()));
                }
            }
            case GOTO -> m.put("goto", String.valueOf(r.gotoPriority()));
            case NOP -> m.put("nop", "null");
            default -> m.put("action", r.action().ipName());
        }
        if (r.protocol() != 0 && r.protocol() != Rtnetlink.RTPROT_KERNEL) { // ip shows kernel only with -d
            m.put("protocol", Route.protocolName(r.protocol()));
        }
        return m;
    }

    private static void ports(Map<String, String> m, String key, Rule.PortRange range) {
        if (range == null) {
            return;
        }
        if (range.start() == range.end()) {
            m.put(key, String.valueOf(range.start()));
        } else {
            m.put(key + "_start", String.valueOf(range.start()));
            m.put(key + "_end", String.valueOf(range.end()));
        }
    }
}
