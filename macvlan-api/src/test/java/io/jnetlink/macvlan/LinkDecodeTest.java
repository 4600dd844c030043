package io.jnetlink.macvlan;

import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Link replies a newer kernel could send: values and kinds this library does not know are kept. */
class LinkDecodeTest {

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void free() {
        arena.close();
    }

    /** An RTM_NEWLINK reply for link #5 {@code name} whose IFLA_LINKINFO is what {@code linkInfo} writes. */
    private Link decode(String name, Consumer<NetlinkWriter> linkInfo) {
        NetlinkWriter w = NetlinkWriter.allocate(arena, 1024);
        long m = w.beginMessage(Rtnetlink.RTM_NEWLINK, 0);
        w.ifinfomsg(Rtnetlink.AF_UNSPEC, 1, 5, Ifla.IFF_UP, 0);
        w.putString(Ifla.IFLA_IFNAME, name);
        w.putU32(Ifla.IFLA_GROUP, 0xffff_ffff);
        w.putU32(999, 42); // an attribute this library has never heard of
        long info = w.beginNest(Ifla.IFLA_LINKINFO);
        linkInfo.accept(w);
        w.endNest(info);
        w.endMessage(m);
        MessageCursor cursor = new MessageCursor().wrap(w.buffer(), 0, w.position());
        cursor.next();
        return new LinkCodec().decode(cursor);
    }

    @Test
    void anUnknownMacvlanModeAndFlagAreKeptNotLost() {
        Link link = decode("mv9", w -> {
            w.putString(Ifla.IFLA_INFO_KIND, "macvlan");
            long data = w.beginNest(Ifla.IFLA_INFO_DATA);
            w.putU32(Macvlan.IFLA_MACVLAN_MODE, 32);
            w.putU16(Macvlan.IFLA_MACVLAN_FLAGS, 0x80 | MacvlanFlag.NODST.bit());
            w.putU32(Macvlan.IFLA_MACVLAN_BC_QUEUE_LEN, 0xffff_ffff);
            w.putU32(77, 1); // a macvlan attribute of the future
            w.endNest(data);
        });

        Macvlan.Info info = link.macvlan();
        assertThat(info.modeValue()).isEqualTo(32);
        assertThat(info.mode()).isEmpty();
        assertThat(info.flagBits()).isEqualTo(0x82);
        assertThat(info.flags()).containsExactly(MacvlanFlag.NODST);
        assertThat(info.bcQueueLen()).isEqualTo(4294967295L);
        assertThat(link.group()).isEqualTo(4294967295L);
    }

    @Test
    void reportedFlagsCannotBeChangedByTheCaller() {
        Link link = decode("mv9", w -> {
            w.putString(Ifla.IFLA_INFO_KIND, "macvlan");
            long data = w.beginNest(Ifla.IFLA_INFO_DATA);
            w.putU16(Macvlan.IFLA_MACVLAN_FLAGS, MacvlanFlag.NODST.bit());
            w.endNest(data);
        });

        assertThatThrownBy(() -> link.macvlan().flags().add(MacvlanFlag.NOPROMISC))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> link.macvlan().sourceMacs().add(MacAddress.parse("02:00:5e:00:53:01")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUnknownKindIsReportedByName() {
        Link link = decode("wg0", w -> w.putString(Ifla.IFLA_INFO_KIND, "wireguard"));

        assertThat(link.kind()).isEqualTo("wireguard");
        assertThat(link.info()).isEqualTo(new LinkInfo.Other("wireguard"));
        assertThatThrownBy(link::macvlan).isInstanceOf(IllegalStateException.class)
                .hasMessage("link wg0 is a wireguard, not a macvlan/macvtap");
    }

    @Test
    void aPortOfAnUnknownMasterIsReportedByName() {
        Link link = decode("eth3", w -> {
            w.putString(Ifla.IFLA_INFO_SLAVE_KIND, "bond");
            long data = w.beginNest(Ifla.IFLA_INFO_SLAVE_DATA);
            w.putU8(1, 0);
            w.endNest(data);
        });

        assertThat(link.kind()).isNull();
        assertThat(link.info()).isEqualTo(new LinkInfo.Other(null));
        assertThat(link.port()).isEqualTo(new PortInfo.Other("bond"));
    }
}
