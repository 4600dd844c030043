package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.Devconf;

/**
 * A per-link IPv6 setting, {@code net.ipv6.conf.<link>.<key>}, as
 * {@link Links#setIpv6(String, Ipv6Setting, int)} writes it and {@link Ipv6Settings} reports it.
 * Each knows its sysctl key and its {@code DEVCONF_*} index in {@code IFLA_INET6_CONF}, and
 * refuses only what the kernel refuses whatever the link.
 */
public enum Ipv6Setting {
    /** {@code forwarding}: non-zero forwards IPv6 (and turns router behaviour on). */
    FORWARDING("forwarding", Devconf.DEVCONF_FORWARDING, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** {@code hop_limit}: the hop limit of packets sent, 1..255. */
    HOP_LIMIT("hop_limit", Devconf.DEVCONF_HOPLIMIT, 1, 255),
    /** {@code mtu}: the IPv6 MTU, from 1280 up to the link's MTU (the kernel checks that bound). */
    MTU("mtu", Devconf.DEVCONF_MTU6, 1280, Integer.MAX_VALUE),
    /** {@code accept_ra}: see {@link AcceptRa}. */
    ACCEPT_RA("accept_ra", Devconf.DEVCONF_ACCEPT_RA, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** {@code autoconf}: non-zero makes SLAAC addresses from advertised prefixes. */
    AUTOCONF("autoconf", Devconf.DEVCONF_AUTOCONF, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** {@code dad_transmits}: the neighbour solicitations DAD sends per address. */
    DAD_TRANSMITS("dad_transmits", Devconf.DEVCONF_DAD_TRANSMITS, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** {@code disable_ipv6}: non-zero turns IPv6 off on the link, removing its addresses. */
    DISABLE_IPV6("disable_ipv6", Devconf.DEVCONF_DISABLE_IPV6, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** {@code accept_dad}: see {@link AcceptDad}. */
    ACCEPT_DAD("accept_dad", Devconf.DEVCONF_ACCEPT_DAD, Integer.MIN_VALUE, Integer.MAX_VALUE);

    private final String key;
    private final int devconf;
    private final int min;
    private final int max;

    Ipv6Setting(String key, int devconf, int min, int max) {
        this.key = key;
        this.devconf = devconf;
        this.min = min;
        this.max = max;
    }

    /** The sysctl key under {@code net.ipv6.conf.<link>}, e.g. {@code accept_ra}. */
    public String key() {
        return key;
    }

    /** Its {@code DEVCONF_*} index in {@code IFLA_INET6_CONF}. */
    int devconf() {
        return devconf;
    }

    /** {@code value}, if the kernel could take it; else {@link IllegalArgumentException} naming the key. */
    int validate(int value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("ipv6 " + key + ": " + value + (max == Integer.MAX_VALUE
                    ? " is below " + min : " is outside " + min + ".." + max));
        }
        return value;
    }
}
