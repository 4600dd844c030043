package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.inet.MacAddress;

/**
 * What to create: a {@link Macvlan}, {@link Macvtap}, {@link Veth}, {@link Bridge} or
 * {@link Vxlan}. Each kind's file says how it is written and read.
 */
public sealed interface LinkSpec permits Macvlan, Macvtap, Veth, Bridge, Vxlan {

    /** The interface name it gets. */
    String name();

    /** The kernel's link kind ({@code IFLA_INFO_KIND}). */
    String kind();

    /** Namespace to create it in directly; null for the entry point's own. */
    NetNs netns();

    /** MTU, or 0 for the kernel's choice. */
    int mtu();

    /** MAC address, or null for the kernel's choice. */
    MacAddress mac();

    /** The link it stacks on, by name in the entry point's namespace; null for none. */
    default String parent() {
        return null;
    }
}
