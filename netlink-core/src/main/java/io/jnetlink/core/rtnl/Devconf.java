package io.jnetlink.core.rtnl;

/**
 * Per-link IPv6 settings of {@code <linux/ipv6.h>}: the {@code DEVCONF_*} index of each in the
 * {@code s32} array of {@link Ifla#IFLA_INET6_CONF}, the same values as
 * {@code /proc/sys/net/ipv6/conf/<link>/<name>}.
 */
public final class Devconf {

    public static final int DEVCONF_FORWARDING = 0;
    public static final int DEVCONF_HOPLIMIT = 1;
    public static final int DEVCONF_MTU6 = 2;
    public static final int DEVCONF_ACCEPT_RA = 3;
    public static final int DEVCONF_ACCEPT_REDIRECTS = 4;
    public static final int DEVCONF_AUTOCONF = 5;
    public static final int DEVCONF_DAD_TRANSMITS = 6;
    public static final int DEVCONF_OPTIMISTIC_DAD = 23;
    public static final int DEVCONF_DISABLE_IPV6 = 26;
    public static final int DEVCONF_ACCEPT_DAD = 27;
    public static final int DEVCONF_ADDR_GEN_MODE = 47;

    private Devconf() {
    }
}
