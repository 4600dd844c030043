/**
 * The constants and fixed headers of rtnetlink ({@code <linux/rtnetlink.h>}, {@code <linux/if_link.h>},
 * {@code <linux/if_addr.h>}): message types, link, address and route attributes, and the layouts
 * of {@code ifinfomsg}, {@code ifaddrmsg} and {@code rtmsg}.
 */
package io.jnetlink.core.rtnl;
