package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;

/** What to create: a {@link Macvlan}, {@link Macvtap}, {@link Veth} or {@link Bridge}. */
public sealed interface LinkSpec permits Macvlan, Macvtap, Veth, Bridge {

    /** The interface name it gets. */
    String name();

    /** The kernel's link kind ({@code IFLA_INFO_KIND}). */
    String kind();

    /** Namespace to create it in directly; null for the entry point's own. */
    NetNs netns();
}
