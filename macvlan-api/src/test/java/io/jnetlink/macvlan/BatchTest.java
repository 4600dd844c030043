package io.jnetlink.macvlan;

import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.inet.IpFamily;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Requests sent together in one {@code sendmsg}: carried out in order, each failure named as its single call names it. */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class BatchTest {

    @Test
    void everyRequestIsCarriedOutInOrder(Topology t) {
        Link mv0 = t.links().create(Macvlan.of("mv0", "parent0"));

        t.rt.batch().setArpNotifyOn("mv0").addAddress(mv0, Address.parse("198.51.100.2/24")).setUp("mv0")
                .addRoute(Route.to("203.0.113.0/24").withGateway("198.51.100.1").withOif(mv0.index()))
                .execute(); // the route's gateway is reachable only through the address added before it

        assertThat(Command.check("ip", "-n", t.name(), "-o", "address", "show", "mv0")).contains("198.51.100.2/24");
        assertThat(t.links().require("mv0").linkFlags()).contains(LinkFlag.UP);
        assertThat(Command.check("ip", "-n", t.name(), "route", "show", "203.0.113.0/24"))
                .contains("via 198.51.100.1 dev mv0");
        assertThat(Command.check("ip", "netns", "exec", t.name(), "sysctl", "-n", "net.ipv4.conf.mv0.arp_notify").strip())
                .isEqualTo("1");
    }

    @Test
    void aFailureInTheMiddleIsNamedAsItsSingleCallAndTheOthersStillRun(Topology t) {
        Link mv0 = t.links().create(Macvlan.of("mv0", "parent0"));
        Route unreachable = Route.to("203.0.113.0/24").withGateway("192.0.2.1").withOif(mv0.index());
        NetlinkErrorException single = catchThrowableOfType(NetlinkErrorException.class,
                () -> t.rt.routes().add(unreachable));

        NetlinkErrorException batched = catchThrowableOfType(NetlinkErrorException.class,
                () -> t.rt.batch().addAddress(mv0, Address.parse("198.51.100.2/24")).addRoute(unreachable)
                        .setUp("mv0").execute());

        assertThat(single).as("the single call's refusal").isNotNull();
        assertThat(batched.getMessage()).isEqualTo(single.getMessage())
                .startsWith("add route 203.0.113.0/24 via 192.0.2.1").contains("in network namespace " + t.name())
                .contains(": ENETUNREACH").contains("kernel says \"Nexthop has invalid gateway\"");
        assertThat(batched.errnoName()).isEqualTo("ENETUNREACH");
        assertThat(batched.kernelMessage()).contains("Nexthop has invalid gateway");
        // netlink has no transaction: what came before and after the refusal was done
        assertThat(Command.check("ip", "-n", t.name(), "-o", "address", "show", "mv0")).contains("198.51.100.2/24");
        assertThat(t.links().require("mv0").linkFlags()).contains(LinkFlag.UP);
    }

    @Test
    void laterRefusalsAreSuppressedInTheFirst(Topology t) {
        Link mv0 = t.links().create(Macvlan.of("mv0", "parent0"));
        t.rt.addresses().add("mv0", Address.parse("198.51.100.2/24"));

        assertThatThrownBy(() -> t.rt.batch().addAddress(mv0, Address.parse("198.51.100.2/24")).setUp("mv0")
                .addRoute(Route.defaultRoute(IpFamily.IPV4).withGateway("192.0.2.1").withOif(mv0.index()))
                .execute())
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.getMessage()).startsWith("add address 198.51.100.2/24 on mv0 in network namespace "
                            + t.name() + " failed: EEXIST");
                    assertThat(e.getSuppressed()).singleElement().asString().contains("add route default via 192.0.2.1")
                            .contains("ENETUNREACH");
                });
    }

    @Test
    void anEmptyBatchSendsNothingAndAClosedEntryPointRefusesOne(Topology t) {
        Batch empty = t.rt.batch();
        empty.execute();
        assertThat(empty.size()).isZero();

        RtNetlink other = RtNetlink.open(t.box.ns());
        Batch late = other.batch().setUp("parent0");
        other.close();
        assertThatThrownBy(late::execute).isInstanceOf(IllegalStateException.class)
                .hasMessage("set link parent0 up in network namespace " + t.name() + ": this RtNetlink was closed");
    }
}
