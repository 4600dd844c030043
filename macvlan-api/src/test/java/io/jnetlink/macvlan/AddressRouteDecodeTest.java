package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.inet.InetAddresses;
import io.jnetlink.core.rtnl.Ifa;
import io.jnetlink.core.rtnl.Rta;
import io.jnetlink.core.rtnl.Rtnetlink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Address and route replies a newer kernel could send, decoded: attributes this library does not
 * know are passed over, enum values it does not know (protocol, type, scope, flags) are kept as
 * sent, u32 fields at their maximum read unsigned; values no kernel sends are a
 * {@link MalformedMessageException}, not a Java exception.
 */
class AddressRouteDecodeTest {

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void free() {
        arena.close();
    }

    private MessageCursor cursor(NetlinkWriter w) {
        MessageCursor cursor = new MessageCursor().wrap(w.buffer(), 0, w.position());
        cursor.next();
        return cursor;
    }

    private Address address(int family, int prefixLength, String local, int flags) {
        NetlinkWriter w = NetlinkWriter.allocate(arena, 512);
        long m = w.beginMessage(Rtnetlink.RTM_NEWADDR, 0);
        w.ifaddrmsg(family, prefixLength, 0, 200, 7);
        w.putAddress(Ifa.IFA_LOCAL, InetAddresses.parse("local", local));
        w.putU32(Ifa.IFA_FLAGS, flags);
        w.putBytes(Ifa.IFA_CACHEINFO, new byte[] {-2, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0});
        w.putU32(200, 1); // an address attribute of the future
        w.endMessage(m);
        return new Addresses.Decoder().decode(cursor(w));
    }

    @Test
    void unknownAddressAttributesAndFlagsAndScopesAreKept() {
        Address a = address(Rtnetlink.AF_INET, 24, "192.0.2.9", 0x8000_0000);
        assertThat(a.address().getHostAddress()).isEqualTo("192.0.2.9");
        assertThat(a.prefixLength()).isEqualTo(24);
        assertThat(a.flags()).isEqualTo(0x8000_0000);
        assertThat(a.scope()).isEqualTo(200);
        assertThat(a.index()).isEqualTo(7);
        assertThat(a.validLifetime()).isEqualTo(Address.FOREVER);
        assertThat(a.preferredLifetime()).isEqualTo(0xffff_fffeL);
    }

    @Test
    void anImpossiblePrefixLengthIsAMalformedMessage() {
        assertThatThrownBy(() -> address(Rtnetlink.AF_INET6, 216, "2001:db8::9", 0))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("RTM_NEWADDR")
                .hasMessageContaining("216");
    }

    @Test
    void routesKeepUnknownProtocolsTypesAndScopesAndReadU32sUnsigned() {
        NetlinkWriter w = NetlinkWriter.allocate(arena, 512);
        long m = w.beginMessage(Rtnetlink.RTM_NEWROUTE, 0);
        w.rtmsg(Rtnetlink.AF_INET6, 64, 0, 0, Rtnetlink.RT_TABLE_UNSPEC, 250, 201, 99, 0x4000_0000);
        w.putAddress(Rta.RTA_DST, InetAddresses.parse("dst", "2001:db8:1::"));
        w.putU32(Rta.RTA_PRIORITY, 0xffff_ffff);
        w.putU32(Rta.RTA_TABLE, 0xffff_ffff);
        w.putU32(250, 5); // a route attribute of the future
        w.endMessage(m);
        Route r = Routes.decode(cursor(w), new AttributeCursor());
        assertThat(r.destination().toString()).isEqualTo("2001:db8:1::/64");
        assertThat(r.metric()).isEqualTo(4294967295L);
        assertThat(r.table()).isEqualTo(4294967295L);
        assertThat(r.protocol()).isEqualTo(250);
        assertThat(r.scope()).isEqualTo(201);
        assertThat(r.type()).isEqualTo(99);
    }
}
