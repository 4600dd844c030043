package io.jnetlink.macvlan;

import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Every u32 the kernel reports reads as unsigned, and no legal value makes a list call fail. */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class UnsignedValuesTest {

    @Test
    void routesWithTheLargestMetricAndATableAbove2To31AreListed(Topology t) {
        t.rt.addresses().add("parent0", Address.parse("192.0.2.1/24"));
        Command.check("ip", "-n", t.name(), "route", "add", "198.51.100.0/24", "dev", "parent0",
                "metric", "4294967295");
        Command.check("ip", "-n", t.name(), "route", "add", "203.0.113.0/24", "dev", "parent0",
                "table", "3000000000");

        assertThat(t.rt.routes().list(IpFamily.IPV4)).filteredOn(r -> r.destination().toString().equals("198.51.100.0/24"))
                .singleElement().satisfies(r -> assertThat(r.metric()).isEqualTo(4294967295L));
        assertThat(t.rt.routes().listTable(IpFamily.IPV4, 3_000_000_000L)).singleElement()
                .satisfies(r -> {
                    assertThat(r.destination()).hasToString("203.0.113.0/24");
                    assertThat(r.table()).isEqualTo(3_000_000_000L);
                });
    }

    @Test
    void routesAddedWithU32ValuesAboveIntMaxReachTheKernelIntact(Topology t) {
        t.rt.addresses().add("parent0", Address.parse("192.0.2.1/24"));
        int index = t.links().require("parent0").index();
        t.rt.routes().add(Route.to("198.51.100.0/24").withOif(index).withMetric(4_000_000_000L)
                .withTable(3_000_000_001L));

        assertThat(Command.check("ip", "-n", t.name(), "route", "show", "table", "3000000001"))
                .contains("198.51.100.0/24 dev parent0 scope link metric 4000000000");
    }

    @Test
    void linkGroupsAbove2To31ReadAsUnsigned(Topology t) {
        // iproute2 takes groups up to 2^31-1 only; the kernel takes every u32
        Command.check("ip", "-n", t.name(), "link", "set", "parent0", "group", "2147483647");
        assertThat(t.links().require("parent0").group()).isEqualTo(2147483647L);
        t.links().setGroup("peer0", 4294967295L);
        t.links().setGroup("parent0", 3_000_000_000L);

        assertThat(t.links().require("peer0").group()).isEqualTo(4294967295L);
        assertThat(t.links().require("parent0").group()).isEqualTo(3_000_000_000L);
        assertThat(t.links().list()).hasSize(3);
        t.rt.bulk().deleteGroup(4294967295L);
        assertThat(t.links().get("peer0")).isEmpty();
    }
}
