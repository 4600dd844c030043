package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;

/**
 * A Linux bridge: {@code ip link add <name> type bridge}.
 *
 * @param name  interface name
 * @param mtu   MTU, or 0 for the default
 * @param mac   its MAC, or null for the kernel's choice
 * @param netns namespace to create it in, or null for the entry point's own
 */
public record Bridge(String name, int mtu, MacAddress mac, NetNs netns) implements LinkSpec {

    public Bridge {
        Validation.ifname("bridge name", name);
        Validation.mtu("bridge mtu", mtu);
        if (mac != null) {
            mac.requireUnicast("bridge mac");
        }
    }

    public static Bridge of(String name) {
        return new Bridge(name, 0, null, null);
    }

    @Override
    public String kind() {
        return "bridge";
    }
}
