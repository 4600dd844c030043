/**
 * The constants and fixed headers of rtnetlink ({@code <linux/rtnetlink.h>}, {@code <linux/if_link.h>},
 * {@code <linux/if_addr.h>}, {@code <linux/neighbour.h>}): message types, link, address, route and
 * neighbour attributes, and the layouts of {@code ifinfomsg}, {@code ifaddrmsg}, {@code rtmsg} and {@code ndmsg}.
 */
package io.jnetlink.core.rtnl;
