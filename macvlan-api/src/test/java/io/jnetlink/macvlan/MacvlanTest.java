package io.jnetlink.macvlan;

import io.jnetlink.core.BatchResult;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.NetworkSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Macvlan and macvtap against the real kernel, cross-checked with iproute2. */
@NetworkSandbox
@ExtendWith(Topology.Parameter.class)
class MacvlanTest {

    @ParameterizedTest
    @EnumSource(MacvlanMode.class)
    void everyModeCreatesWhatIproute2Reports(MacvlanMode mode, Topology t) {
        MacAddress mac = MacAddress.parse("02:00:5e:00:53:0" + mode.ordinal());
        Set<MacvlanFlag> flags = switch (mode) {
            case PASSTHRU -> Set.of(MacvlanFlag.NOPROMISC);
            case SOURCE -> Set.of(MacvlanFlag.NODST);
            default -> Set.of();
        };
        Macvlan spec = Macvlan.of("mv0", "parent0").withMode(mode).withMtu(1400).withFlags(flags)
                .withBcQueueLen(500);
        if (mode != MacvlanMode.PASSTHRU) {
            spec = spec.withMac(mac); // passthru takes the parent's MAC
        }
        Link link = t.links().create(spec);

        assertThat(link.kind()).isEqualTo("macvlan");
        assertThat(link.mtu()).isEqualTo(1400);
        assertThat(link.parentIndex()).isEqualTo(t.links().require("parent0").index());
        assertThat(link.macvlan().mode()).contains(mode);
        assertThat(link.macvlan().flags()).isEqualTo(flags);
        assertThat(link.macvlan().bcQueueLen()).isEqualTo(500);
        assertThat(link.macvlan().bcQueueLenUsed()).isEqualTo(500);

        String ip = Command.check("ip", "-n", t.name(), "-d", "link", "show", "mv0");
        assertThat(ip).contains("mv0@parent0").contains("mtu 1400").contains("link/ether " + link.mac())
                .contains("macvlan mode " + mode.ipName() + " ")
                .contains("bcqueuelen 500 usedbcqueuelen 500");
        flags.forEach(flag -> assertThat(ip).contains(" " + flag.name().toLowerCase() + " "));
        if (mode != MacvlanMode.PASSTHRU) {
            assertThat(link.mac()).isEqualTo(mac);
        }
    }

    @Test
    void defaultModeIsBridgeAndBcCutoffReadsBack(Topology t) {
        Link link = t.links().create(Macvlan.of("mv0", "parent0").withBcCutoff(7));
        assertThat(link.macvlan().mode()).contains(MacvlanMode.BRIDGE);
        assertThat(link.macvlan().bcCutoff()).isEqualTo(7);
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "mv0")).contains("macvlan mode bridge");
    }

    @Test
    void macvtapIsCreatedWithItsKind(Topology t) {
        Link link = t.links().create(Macvtap.of("mvt0", "parent0"));
        assertThat(link.kind()).isEqualTo("macvtap");
        assertThat(link.macvlan().mode()).contains(MacvlanMode.BRIDGE);
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "mvt0"))
                .contains("macvtap mode bridge");
    }

    @Test
    void passthruTakesTheParentsMacAndRefusesASecondChild(Topology t) {
        Link child = t.links().create(Macvlan.of("pt0", "parent0").withMode(MacvlanMode.PASSTHRU));
        assertThat(child.mac()).isEqualTo(t.links().require("parent0").mac());

        assertThatThrownBy(() -> t.links().create(Macvlan.of("pt1", "parent0").withMode(MacvlanMode.PASSTHRU)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PASSTHRU").hasMessageContaining("parent0").hasMessageContaining("pt0");
        // a non-passthru child is refused by the kernel, with its errno
        assertThatThrownBy(() -> t.links().create(Macvlan.of("br1", "parent0")))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("create macvlan br1 on parent0");
        assertThat(t.links().get("pt1")).isEmpty();
        assertThat(t.links().get("br1")).isEmpty();
    }

    @Test
    void passthruIsRefusedWhenTheParentAlreadyHasChildren(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        assertThatThrownBy(() -> t.links().create(Macvlan.of("pt0", "parent0").withMode(MacvlanMode.PASSTHRU)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[mv0]");
    }

    @Test
    void sourceMacListIsSetAtCreationAndChangedLater(Topology t) {
        MacAddress a = MacAddress.parse("02:00:00:00:00:0a");
        MacAddress b = MacAddress.parse("02:00:00:00:00:0b");
        MacAddress c = MacAddress.parse("02:00:00:00:00:0c");
        Link link = t.links().create(Macvlan.of("src0", "parent0").withMode(MacvlanMode.SOURCE)
                .withSourceMacs(List.of(a, b)));
        assertThat(link.macvlan().sourceMacs()).containsExactlyInAnyOrder(a, b);
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "src0")).contains("remotes (2)");

        t.rt.macvlans().addSourceMac("src0", c);
        assertThat(sources(t)).containsExactlyInAnyOrder(a, b, c);
        t.rt.macvlans().deleteSourceMac("src0", a);
        assertThat(sources(t)).containsExactlyInAnyOrder(b, c);
        t.rt.macvlans().setSourceMacs("src0", List.of(a));
        assertThat(sources(t)).containsExactly(a);
        t.rt.macvlans().flushSourceMacs("src0");
        assertThat(sources(t)).isEmpty();
    }

    @Test
    void modeOfAnExistingMacvlanChanges(Topology t) {
        t.links().create(Macvlan.of("mv0", "parent0"));
        t.rt.macvlans().setMode("mv0", MacvlanMode.VEPA);
        assertThat(t.links().require("mv0").macvlan().mode()).contains(MacvlanMode.VEPA);
        assertThat(Command.check("ip", "-n", t.name(), "-d", "link", "show", "mv0")).contains("macvlan mode vepa");
    }

    @Test
    void createIntoANamespaceUnderACollidingNameLeavesNothingHere(Topology t) {
        NetNs target = t.box.namespace("target");
        RtNetlink inside = t.box.closeLater(RtNetlink.open(target));
        List<String> before = names(t.links().list());
        // "peer0" exists here; the new macvlan gets that name only inside the target
        Link created = t.links().create(Macvlan.of("peer0", "parent0").withNetns(target));

        assertThat(created.name()).isEqualTo("peer0");
        assertThat(created.kind()).isEqualTo("macvlan");
        assertThat(names(inside.links().list())).containsExactlyInAnyOrder("lo", "peer0");
        assertThat(names(t.links().list())).containsExactlyInAnyOrderElementsOf(before);

        // a collision inside the target fails and leaves nothing behind, here or there
        assertThatThrownBy(() -> t.links().create(Macvlan.of("peer0", "parent0").withNetns(target)))
                .isInstanceOfSatisfying(NetlinkErrorException.class,
                        e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));
        assertThat(names(inside.links().list())).containsExactlyInAnyOrder("lo", "peer0");
        assertThat(names(t.links().list())).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void batchCreateOf500ThenBulkDeleteLeavesOthersUntouched(Topology t) {
        t.links().create(Macvlan.of("keep0", "parent0"));
        List<Macvlan> specs = IntStream.range(0, 500).mapToObj(i -> Macvlan.of("m" + i, "parent0")).toList();

        BatchResult created = t.rt.bulk().createAll(specs);
        assertThat(created.allSucceeded()).as("%s", created).isTrue();
        assertThat(names(t.links().list())).hasSize(4 + 500).contains("m0", "m499");

        BatchResult deleted = t.rt.bulk().deleteAll(specs.stream().map(Macvlan::name).toList());
        assertThat(deleted.allSucceeded()).as("%s", deleted).isTrue();
        assertThat(names(t.links().list())).containsExactlyInAnyOrder("lo", "parent0", "peer0", "keep0");
    }

    @Test
    void bulkDeleteReportsNamesThatDoNotExist(Topology t) {
        t.links().create(Macvlan.of("a0", "parent0"));
        BatchResult result = t.rt.bulk().deleteAll(List.of("a0", "nosuch0"));
        assertThat(result.failures()).containsOnlyKeys(1);
        assertThat(result.failure(1)).hasValueSatisfying(e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
        assertThat(t.links().get("a0")).isEmpty();
    }

    @Test
    void ensureCreatesOnceThenLeavesAloneAndRefusesADifferentSpec(Topology t) {
        Macvlan spec = Macvlan.of("macvlan1", "parent0").withMtu(1400);
        Link first = t.links().ensure(spec);
        Link second = t.links().ensure(spec);
        assertThat(second).isEqualTo(first);

        assertThatThrownBy(() -> t.links().ensure(spec.withMode(MacvlanMode.VEPA).withMtu(1300)))
                .isInstanceOfSatisfying(LinkMismatchException.class, e -> assertThat(e.differences())
                        .containsExactlyInAnyOrder("mode: wanted VEPA, found BRIDGE", "mtu: wanted 1300, found 1400"));
    }

    private static List<MacAddress> sources(Topology t) {
        return t.links().require("src0").macvlan().sourceMacs();
    }

    static List<String> names(List<Link> links) {
        List<String> names = new ArrayList<>();
        links.forEach(l -> names.add(l.name()));
        return names;
    }
}
