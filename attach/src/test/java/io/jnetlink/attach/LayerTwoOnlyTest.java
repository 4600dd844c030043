package io.jnetlink.attach;

import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Owner;
import io.jnetlink.macvlan.RtNetlink;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Attachments without addresses go through {@link IpAllocator#none()}; a null IPAM is refused. */
class LayerTwoOnlyTest {

    @Test
    void aNullIpamIsRefusedNamingTheNoOpAllocator() {
        assertThatThrownBy(() -> new MacvlanAttacher(null, "l2", null, MacvlanAttacher.RoutePolicy.FROM_IPAM))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ipam")
                .hasMessageContaining("IpAllocator.none()");
    }

    @Test
    @RequiresNetAdmin
    void attachWithoutIpamGivesALinkWithoutAddressesAndDetachRemovesIt() {
        try (Sandbox t = Sandbox.create(); Sandbox c1 = Sandbox.create()) {
            t.veth("parent0", "peer0");
            RtNetlink rt = t.closeLater(RtNetlink.open(t.ns()));
            MacvlanAttacher attacher = new MacvlanAttacher(rt, "l2", IpAllocator.none(),
                    MacvlanAttacher.RoutePolicy.FROM_IPAM_OR_DEFAULT);
            MacvlanAttachment link = MacvlanAttachment.of("parent0");
            Owner owner = new Owner("ctr-1", "eth0");

            Endpoint e = attacher.attach(link, c1.ns(), owner, List.of());

            assertThat(e.addresses()).isEmpty();
            assertThat(e.routes()).isEmpty();
            assertThat(Command.check("ip", "-n", c1.name(), "-d", "link", "show", "eth0"))
                    .contains("macvlan mode bridge").contains("state UP");
            assertThat(Command.check("ip", "-n", c1.name(), "address", "show", "eth0")).doesNotContain("inet ");
            assertThat(attacher.check(link, c1.ns(), e)).isEmpty();

            attacher.detach(c1.ns(), owner);

            assertThat(Command.check("ip", "-n", c1.name(), "link", "show")).doesNotContain("eth0");
        }
    }
}
