package io.jnetlink.samples;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.OperState;
import io.jnetlink.testkit.RequiresNetAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each seed scenario run as its sample runs it, with real namespaces and packets; the
 * observations are checked field by field, and every namespace is gone afterwards.
 */
@RequiresNetAdmin
class ScenariosTest {

    private Lab lab;

    @BeforeEach
    void openLab() {
        lab = Lab.open();
    }

    @AfterEach
    void closeLab() {
        if (lab == null) {
            return; // skipped: no privileges
        }
        List<String> made = lab.namespaceNames();
        lab.close();
        assertThat(NetNs.list()).doesNotContainAnyElementsOf(made);
    }

    @Test
    void bridgeModeChildrenReachEachOther() throws Exception {
        BridgeMode.Observation o = new BridgeMode().observe(lab);

        assertThat(o.c1ToC2()).isTrue();
        assertThat(o.c2ToC1()).isTrue();
    }

    @Test
    void theHostCannotReachItsChildren() throws Exception {
        HostIsolation.Observation o = new HostIsolation().observe(lab);

        assertThat(o.hostToChild()).isFalse();
        assertThat(o.childToHost()).isFalse();
        assertThat(o.siblingToChild()).as("the child itself is reachable").isTrue();
    }

    @Test
    void theShimLetsHostAndChildrenTalk() throws Exception {
        HostShim.Observation o = new HostShim().observe(lab);

        assertThat(o.hostToChildBefore()).isFalse();
        assertThat(o.hostToChildAfter()).isTrue();
        assertThat(o.childToShimAfter()).isTrue();
    }

    @Test
    void vepaChildrenNeedAHairpinSwitch() throws Exception {
        VepaHairpin.Observation o = new VepaHairpin().observe(lab);

        assertThat(o.hairpinOff()).isFalse();
        assertThat(o.hairpinOn()).isTrue();
    }

    @Test
    void privateChildrenNeverTalkEvenWithHairpin() throws Exception {
        PrivateMode.Observation o = new PrivateMode().observe(lab);

        assertThat(o.hairpinOff()).isFalse();
        assertThat(o.hairpinOn()).isFalse();
        assertThat(o.vepaControl()).as("the same hairpin port lets VEPA children talk").isTrue();
    }

    @Test
    void passthruTakesOneChildWithTheParentsMac() throws Exception {
        Passthru.Observation o = new Passthru().observe(lab);

        assertThat(o.childMac()).isEqualTo(o.parentMac());
        assertThat(o.secondChildRefusal()).contains("passthru");
        assertThat(o.childMacAfterChange()).isEqualTo(o.requestedMac());
    }

    @Test
    void parentDownTakesChildrenDownAndUpBringsThemBack() throws Exception {
        ParentDown.Observation o = new ParentDown().observe(lab);

        assertThat(o.whileDown()).hasSize(3).allMatch(s -> s == OperState.DOWN || s == OperState.LOWERLAYERDOWN);
        assertThat(o.adminUpWhileDown()).isTrue();
        assertThat(o.pingWhileDown()).isFalse();
        assertThat(o.afterUp()).containsExactly(OperState.UP, OperState.UP, OperState.UP);
        assertThat(o.pingAfterUp()).isTrue();
    }

    @Test
    void dockerStyleNetworkAttachesAndDetaches() throws Exception {
        DockerNetwork.Observation o = new DockerNetwork().observe(lab);

        assertThat(o.c1().addresses().getFirst()).hasToString("198.51.100.200/24 gw 198.51.100.254");
        assertThat(InetAddresses.text(o.c2().addresses().getFirst().address().address())).isEqualTo("198.51.100.201");
        assertThat(o.c1().mac()).isNotEqualTo(o.c2().mac());
        assertThat(o.c1ToC2()).isTrue();
        assertThat(o.secondAttachRefusal()).contains("already has an interface eth0");
        assertThat(o.leasesAfterDetach()).isEqualTo(1);
        assertThat(o.interfaceAfterDetach()).isFalse();
    }

    @Test
    void bootTimeEnsureIsIdempotent() throws Exception {
        BootEnsure.Observation o = new BootEnsure().observe(lab);

        assertThat(o.second()).isEqualTo(o.first());
        assertThat(o.linksAfterSecond()).isEqualTo(o.linksAfterFirst());
        assertThat(o.first().name()).isEqualTo("macvlan1");
        assertThat(o.first().macvlan().mode()).contains(MacvlanMode.BRIDGE);
    }

    @Test
    void multusPodsGetNet1FromTheDefinitionAndLeaveNothingBehind() throws Exception {
        MultusPods.Observation o = new MultusPods().observe(lab);

        assertThat(o.pod1ToPod2()).isTrue();
        assertThat(o.pod2Address()).isEqualTo("198.51.100.102");
        assertThat(o.status1()).contains("\"name\" : \"kube-system/macvlan0\"").contains("\"interface\" : \"net1\"")
                .contains("\"198.51.100.101\"").contains("\"default\" : false");
        assertThat(o.leftAfterDelete()).isEmpty();
    }
}
