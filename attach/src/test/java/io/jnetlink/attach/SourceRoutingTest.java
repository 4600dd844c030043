package io.jnetlink.attach;

import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.inet.Prefix;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SourceRouting} against the kernel: all or nothing, and remove without the interface. */
@RequiresNetAdmin
class SourceRoutingTest {

    @Test
    void aFailingSourceTakesBackEverythingApplyDidBeforeIt() {
        try (Sandbox box = Sandbox.create()) {
            box.veth("net1", "net1p");
            ip(box, "addr", "add", "192.0.2.10/24", "dev", "net1");
            ip(box, "addr", "add", "198.51.100.10/24", "dev", "net1");
            ip(box, "route", "add", "default", "via", "192.0.2.1", "dev", "net1");
            ip(box, "rule", "add", "from", "203.0.113.9", "lookup", "100");
            String before = state(box);
            RtNetlink rt = box.closeLater(RtNetlink.open(box.ns()));
            List<SourceRouting.Source> sources = List.of(
                    new SourceRouting.Source(Prefix.parse("192.0.2.10/24"), InetAddresses.parse("gw", "192.0.2.1")),
                    // a gateway outside the subnet: the kernel refuses the second table's default route
                    new SourceRouting.Source(Prefix.parse("198.51.100.10/24"), InetAddresses.parse("gw", "203.0.113.1")));

            assertThatThrownBy(() -> new SourceRouting(rt).apply("net1", sources, SourceRouting.MainDefaultRoutes.MOVE))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("ENETUNREACH");
                        assertThat(e.getMessage()).contains("default via 203.0.113.1").contains("table 102");
                    });
            assertThat(state(box)).isEqualTo(before);
        }
    }

    @Test
    void removeFindsTheRulesByTheAddressesGivenWhenTheInterfaceIsGone() {
        try (Sandbox box = Sandbox.create()) {
            box.veth("net1", "net1p");
            ip(box, "addr", "add", "192.0.2.10/24", "dev", "net1");
            RtNetlink rt = box.closeLater(RtNetlink.open(box.ns()));
            SourceRouting routing = new SourceRouting(rt);
            List<SourceRouting.Source> sources = List.of(
                    new SourceRouting.Source(Prefix.parse("192.0.2.10/24"), InetAddresses.parse("gw", "192.0.2.1")));
            List<SourceRouting.SourceTable> tables = routing.apply("net1", sources, SourceRouting.MainDefaultRoutes.MOVE);
            assertThat(tables).singleElement().satisfies(t -> {
                assertThat(t.table()).isEqualTo(100);
                assertThat(t.rule()).hasToString("32765: from 192.0.2.10 lookup 100");
            });
            assertThat(routing.check("net1", sources)).isEmpty();
            ip(box, "link", "del", "net1");

            routing.remove("net1", List.of(InetAddresses.parse("address", "192.0.2.10")));

            assertThat(Command.check("ip", "-n", box.name(), "rule")).doesNotContain("192.0.2.10");
            routing.remove("net1", List.of(InetAddresses.parse("address", "192.0.2.10"))); // again: nothing to do
        }
    }

    /**
     * The namespace's rules and every table's routes but the local one (where IPv6 link-local
     * addresses land when their DAD ends, at a moment of the kernel's choosing), as {@code ip} prints them.
     */
    private static String state(Sandbox box) {
        StringBuilder s = new StringBuilder();
        for (String family : List.of("-4", "-6")) {
            s.append(Command.check("ip", "-n", box.name(), family, "rule"));
            Command.check("ip", "-n", box.name(), family, "route", "show", "table", "all").lines()
                    .filter(l -> !l.contains("table local")).forEach(l -> s.append(l).append('\n'));
        }
        return s.toString();
    }

    private static void ip(Sandbox box, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "ip";
        command[1] = "-n";
        command[2] = box.name();
        System.arraycopy(args, 0, command, 3, args.length);
        Command.check(command);
    }
}
