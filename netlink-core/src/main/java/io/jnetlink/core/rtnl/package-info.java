/**
 * The constants and fixed headers of rtnetlink ({@code <linux/rtnetlink.h>}, {@code <linux/if_link.h>},
 * {@code <linux/if_addr.h>}, {@code <linux/neighbour.h>}, {@code <linux/fib_rules.h>}, {@code <linux/ipv6.h>}):
 * message types, link, address, route, rule and neighbour attributes, the per-link IPv6 settings, and the
 * layouts of {@code ifinfomsg}, {@code ifaddrmsg}, {@code if_stats_msg}, {@code rtmsg}, {@code fib_rule_hdr} and {@code ndmsg}.
 */
package io.jnetlink.core.rtnl;
