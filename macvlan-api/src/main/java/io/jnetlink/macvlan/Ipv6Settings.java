package io.jnetlink.macvlan;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Devconf;
import io.jnetlink.core.rtnl.Ifla;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.ValueLayout;

/**
 * A link's IPv6 settings as the kernel reports them in its link message
 * ({@code IFLA_AF_SPEC/AF_INET6}): the address generation mode and the
 * {@code net.ipv6.conf.<link>.*} values users of macvlans trip over. Read with
 * {@link Links#ipv6(String)}; set with {@link Links#setAddrGenMode}, {@link Links#setAcceptRa},
 * {@link Links#setAcceptDad} and {@link Links#setIpv6(String, Ipv6Setting, int)}. Values that
 * have meanings come as the kernel takes them (see {@link AcceptRa}, {@link AcceptDad}; a
 * non-zero value is on).
 *
 * @param addrGenMode  how link-local addresses are made ({@code addrgenmode}), or null for a mode
 *                     this library does not know
 * @param forwarding   {@code forwarding}
 * @param acceptRa     {@code accept_ra}
 * @param autoconf     {@code autoconf}: SLAAC addresses from advertised prefixes
 * @param ipv6Disabled {@code disable_ipv6}
 * @param acceptDad    {@code accept_dad}
 * @param dadTransmits {@code dad_transmits}
 * @param mtu          {@code mtu}: the IPv6 MTU
 * @param hopLimit     {@code hop_limit}
 */
public record Ipv6Settings(AddrGenMode addrGenMode, boolean forwarding, AcceptRa acceptRa, boolean autoconf,
                           boolean ipv6Disabled, AcceptDad acceptDad, int dadTransmits, int mtu, int hopLimit) {

    /** Writes {@code IFLA_AF_SPEC/AF_INET6/IFLA_INET6_ADDR_GEN_MODE}, as {@code ip link set ... addrgenmode}. */
    static void writeAddrGenMode(NetlinkWriter w, AddrGenMode mode) {
        long spec = w.beginNest(Ifla.IFLA_AF_SPEC);
        long inet6 = w.beginNest(Rtnetlink.AF_INET6);
        w.putU8(Ifla.IFLA_INET6_ADDR_GEN_MODE, mode.kernelValue());
        w.endNest(inet6);
        w.endNest(spec);
    }

    /**
     * Reads the attributes of {@code IFLA_AF_SPEC/AF_INET6} in {@code a}: the mode and the
     * {@code DEVCONF_*} array (an index it lacks reads 0). The mode comes from the array when
     * {@code IFLA_INET6_ADDR_GEN_MODE} is missing (kernels before 6.15 and their stable
     * updates leave it out of a request with {@code RTEXT_FILTER_SKIP_STATS}).
     */
    static Ipv6Settings read(AttributeCursor a) {
        AddrGenMode mode = null;
        long conf = -1;
        int confLength = 0;
        while (a.next()) {
            switch (a.type()) {
                case Ifla.IFLA_INET6_ADDR_GEN_MODE -> mode = AddrGenMode.of(a.u8()).orElse(null);
                case Ifla.IFLA_INET6_CONF -> {
                    conf = a.payloadOffset();
                    confLength = a.payloadLength();
                }
                default -> { }
            }
        }
        int[] c = new int[Devconf.DEVCONF_ADDR_GEN_MODE + 1];
        int present = Math.min(c.length, confLength / Integer.BYTES);
        for (int i = 0; i < present; i++) {
            c[i] = a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, conf + (long) i * Integer.BYTES);
        }
        if (mode == null && present > Devconf.DEVCONF_ADDR_GEN_MODE) {
            mode = AddrGenMode.of(c[Devconf.DEVCONF_ADDR_GEN_MODE]).orElse(null);
        }
        return new Ipv6Settings(mode, c[Ipv6Setting.FORWARDING.devconf()] != 0,
                AcceptRa.of(c[Ipv6Setting.ACCEPT_RA.devconf()]), c[Ipv6Setting.AUTOCONF.devconf()] != 0,
                c[Ipv6Setting.DISABLE_IPV6.devconf()] != 0, AcceptDad.of(c[Ipv6Setting.ACCEPT_DAD.devconf()]),
                c[Ipv6Setting.DAD_TRANSMITS.devconf()], c[Ipv6Setting.MTU.devconf()],
                c[Ipv6Setting.HOP_LIMIT.devconf()]);
    }
}
