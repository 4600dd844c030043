package io.jnetlink.core.rtnl;

/**
 * Generic link attributes of {@code <linux/if_link.h>}: {@code IFLA_*}, the link-info nest, and
 * the {@code IFF_*} / {@code IF_OPER_*} values they carry. Each link kind's own attributes
 * ({@code IFLA_MACVLAN_*}, {@code IFLA_VXLAN_*}, ...) live with that kind in macvlan-api.
 */
public final class Ifla {

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    /** {@code struct rtnl_link_stats} (32-bit counters); {@link #IFLA_STATS64} carries them all at 64 bits. */
    public static final int IFLA_STATS = 7;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_PROTINFO = 12;
    public static final int IFLA_TXQLEN = 13;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKMODE = 17;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_NET_NS_PID = 19;
    public static final int IFLA_IFALIAS = 20;
    /** {@code struct rtnl_link_stats64}: the link's counters, 64 bits each. */
    public static final int IFLA_STATS64 = 23;
    public static final int IFLA_AF_SPEC = 26;
    public static final int IFLA_GROUP = 27;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFLA_EXT_MASK = 29;
    /** {@code IFLA_EXT_MASK} bit: leave the IPv6 and VF statistics out of link messages (never {@code IFLA_STATS64}). */
    public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;
    public static final int IFLA_PROMISCUITY = 30;
    public static final int IFLA_CARRIER = 33;
    public static final int IFLA_LINK_NETNSID = 37;
    public static final int IFLA_MIN_MTU = 50;
    public static final int IFLA_MAX_MTU = 51;
    public static final int IFLA_ALT_IFNAME = 53;
    public static final int IFLA_PERM_ADDRESS = 54;

    /** Attributes of {@code IFLA_AF_SPEC/AF_INET6} ({@code IFLA_INET6_*}). */
    public static final int IFLA_INET6_FLAGS = 1;
    /** {@code s32[DEVCONF_MAX]}, indexed by {@link Devconf}'s {@code DEVCONF_*}. */
    public static final int IFLA_INET6_CONF = 2;
    public static final int IFLA_INET6_TOKEN = 7;
    /** A u8 {@code IN6_ADDR_GEN_MODE_*}. */
    public static final int IFLA_INET6_ADDR_GEN_MODE = 8;

    /** Values of {@link #IFLA_INET6_ADDR_GEN_MODE} ({@code ip link set ... addrgenmode}). */
    public static final int IN6_ADDR_GEN_MODE_EUI64 = 0;
    public static final int IN6_ADDR_GEN_MODE_NONE = 1;
    public static final int IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2;
    public static final int IN6_ADDR_GEN_MODE_RANDOM = 3;

    /** Attributes of an {@code RTM_NEWSTATS} ({@code IFLA_STATS_*}); UNSPEC doubles as the 64-bit pad. */
    public static final int IFLA_STATS_UNSPEC = 0;
    /** {@code struct rtnl_link_stats64}, as {@link #IFLA_STATS64}. */
    public static final int IFLA_STATS_LINK_64 = 1;

    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_INFO_SLAVE_KIND = 4;
    public static final int IFLA_INFO_SLAVE_DATA = 5;

    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int IFF_DORMANT = 0x20000;

    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_NOTPRESENT = 1;
    public static final int IF_OPER_DOWN = 2;
    public static final int IF_OPER_LOWERLAYERDOWN = 3;
    public static final int IF_OPER_TESTING = 4;
    public static final int IF_OPER_DORMANT = 5;
    public static final int IF_OPER_UP = 6;

    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_LOOPBACK = 772;

    private Ifla() {
    }

    /** {@code IFLA_STATS_FILTER_BIT(attr)}: the bit of {@code IFLA_STATS_*} {@code attr} in an {@code RTM_GETSTATS} filter mask. */
    public static int statsFilterBit(int attr) {
        return 1 << (attr - 1);
    }
}
