/**
 * The constants and fixed headers of rtnetlink ({@code <linux/rtnetlink.h>}, {@code <linux/if_link.h>},
 * {@code <linux/if_addr.h>}, {@code <linux/ipv6.h>}): message types, link, address and route
 * attributes, the per-link IPv6 settings, and the layouts of {@code ifinfomsg}, {@code ifaddrmsg},
 * {@code if_stats_msg} and {@code rtmsg}.
 */
package io.jnetlink.core.rtnl;
