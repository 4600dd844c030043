package io.jnetlink.samples;

import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.macvlan.MacvlanMode;
import io.jnetlink.macvlan.OperState;
import io.jnetlink.testkit.NetworkSandbox;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each seed scenario run as its sample runs it, with real namespaces and packets, in a lab on the
 * test's sandbox; the observations are checked field by field, and every namespace is gone
 * afterwards (the extension checks it).
 */
@NetworkSandbox
class ScenariosTest {

    @Test
    void aContainerGetsItsAddressFromTheLansDhcpServerAndItIsRenewed(Sandbox box) throws Exception {
        DhcpAddresses.Observation o = new DhcpAddresses().observe(Lab.on(box));

        assertThat(o.address()).startsWith("198.51.100.").endsWith("/24");
        assertThat(o.gateway()).isEqualTo("198.51.100.1");
        assertThat(o.reachesServer()).isTrue();
        assertThat(o.renewals()).as("a 4 s lease renewed at T1 within 5 s").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aMultiHomedPodsRepliesLeaveByTheirInterfaceWithSbrAndByTheDefaultWithout(Sandbox box) throws Exception {
        MultiHomedPod.Observation o = new MultiHomedPod().observe(Lab.on(box));

        assertThat(o.aToSbrPod()).as("client A to the pod with sbr").isTrue();
        assertThat(o.bToSbrPod()).as("client B to the pod with sbr").isTrue();
        assertThat(o.aToPlainPod()).as("client A to the pod without").isTrue();
        assertThat(o.bToPlainPod()).as("client B to the pod without: the reply leaves by LAN A").isFalse();
    }

    @Test
    void bridgeModeChildrenReachEachOther(Sandbox box) throws Exception {
        BridgeMode.Observation o = new BridgeMode().observe(Lab.on(box));

        assertThat(o.c1ToC2()).isTrue();
        assertThat(o.c2ToC1()).isTrue();
    }

    @Test
    void theHostCannotReachItsChildren(Sandbox box) throws Exception {
        HostIsolation.Observation o = new HostIsolation().observe(Lab.on(box));

        assertThat(o.hostToChild()).isFalse();
        assertThat(o.childToHost()).isFalse();
        assertThat(o.siblingToChild()).as("the child itself is reachable").isTrue();
    }

    @Test
    void theShimLetsHostAndChildrenTalk(Sandbox box) throws Exception {
        HostShim.Observation o = new HostShim().observe(Lab.on(box));

        assertThat(o.hostToChildBefore()).isFalse();
        assertThat(o.hostToChildAfter()).isTrue();
        assertThat(o.childToShimAfter()).isTrue();
    }

    @Test
    void vepaChildrenNeedAHairpinSwitch(Sandbox box) throws Exception {
        VepaHairpin.Observation o = new VepaHairpin().observe(Lab.on(box));

        assertThat(o.hairpinOff()).isFalse();
        assertThat(o.hairpinOn()).isTrue();
    }

    @Test
    void privateChildrenNeverTalkEvenWithHairpin(Sandbox box) throws Exception {
        PrivateMode.Observation o = new PrivateMode().observe(Lab.on(box));

        assertThat(o.hairpinOff()).isFalse();
        assertThat(o.hairpinOn()).isFalse();
        assertThat(o.vepaControl()).as("the same hairpin port lets VEPA children talk").isTrue();
    }

    @Test
    void passthruTakesOneChildWithTheParentsMac(Sandbox box) throws Exception {
        Passthru.Observation o = new Passthru().observe(Lab.on(box));

        assertThat(o.childMac()).isEqualTo(o.parentMac());
        assertThat(o.secondChildRefusal()).contains("passthru");
        assertThat(o.childMacAfterChange()).isEqualTo(o.requestedMac());
    }

    @Test
    void parentDownTakesChildrenDownAndUpBringsThemBack(Sandbox box) throws Exception {
        ParentDown.Observation o = new ParentDown().observe(Lab.on(box));

        assertThat(o.whileDown()).hasSize(3).allMatch(s -> s == OperState.DOWN || s == OperState.LOWERLAYERDOWN);
        assertThat(o.adminUpWhileDown()).isTrue();
        assertThat(o.pingWhileDown()).isFalse();
        assertThat(o.afterUp()).containsExactly(OperState.UP, OperState.UP, OperState.UP);
        assertThat(o.pingAfterUp()).isTrue();
    }

    @Test
    void dockerStyleNetworkAttachesAndDetaches(Sandbox box) throws Exception {
        DockerNetwork.Observation o = new DockerNetwork().observe(Lab.on(box));

        assertThat(o.c1().addresses().getFirst()).hasToString("198.51.100.200/24 gw 198.51.100.254");
        assertThat(InetAddresses.text(o.c2().addresses().getFirst().address().address())).isEqualTo("198.51.100.201");
        assertThat(o.c1().mac()).isNotEqualTo(o.c2().mac());
        assertThat(o.c1ToC2()).isTrue();
        assertThat(o.secondAttachRefusal()).contains("already has an interface eth0");
        assertThat(o.leasesAfterDetach()).isEqualTo(1);
        assertThat(o.interfaceAfterDetach()).isFalse();
    }

    @Test
    void bootTimeEnsureIsIdempotent(Sandbox box) throws Exception {
        BootEnsure.Observation o = new BootEnsure().observe(Lab.on(box));

        assertThat(o.second()).isEqualTo(o.first());
        assertThat(o.linksAfterSecond()).isEqualTo(o.linksAfterFirst());
        assertThat(o.first().name()).isEqualTo("macvlan1");
        assertThat(o.first().macvlan().mode()).contains(MacvlanMode.BRIDGE);
    }

    @Test
    void multusPodsGetNet1FromTheDefinitionAndLeaveNothingBehind(Sandbox box) throws Exception {
        MultusPods.Observation o = new MultusPods().observe(Lab.on(box));

        assertThat(o.pod1ToPod2()).isTrue();
        assertThat(o.pod2Address()).isEqualTo("198.51.100.102");
        assertThat(o.status1()).contains("\"name\" : \"kube-system/macvlan0\"").contains("\"interface\" : \"net1\"")
                .contains("\"198.51.100.101\"").contains("\"default\" : false");
        assertThat(o.leftAfterDelete()).isEmpty();
    }
}
