package io.jnetlink.attach;

import io.jnetlink.core.inet.MacAddress;
import io.jnetlink.macvlan.Macvlan;
import io.jnetlink.macvlan.MacvlanMode;

/**
 * The macvlan a container gets, as the CNI macvlan plugin's config describes it.
 *
 * @param parent            the parent link ({@code master})
 * @param parentInContainer whether {@code parent} is looked up inside the container's namespace
 *                          ({@code linkInContainer}) rather than the host's
 * @param mode              macvlan mode; not passthru-style source mode
 * @param mtu               MTU, 0 for the parent's; at most the parent's
 * @param mac               MAC, or null for a random one
 * @param bcQueueLen        broadcast queue length, or null for the kernel's default
 */
public record MacvlanAttachment(String parent, boolean parentInContainer, MacvlanMode mode, int mtu, MacAddress mac,
                                Integer bcQueueLen) {

    public MacvlanAttachment {
        if (mode == null) {
            throw new IllegalArgumentException("mode: must not be null");
        }
        if (mode == MacvlanMode.SOURCE) {
            throw new IllegalArgumentException("mode: source mode needs a source MAC list; an attachment cannot have one");
        }
        spec("eth0", parent, mode, mtu, mac, bcQueueLen); // the link's own checks, naming the field
    }

    /** A bridge-mode macvlan on {@code parent} in the host's namespace. */
    public static MacvlanAttachment of(String parent) {
        return new MacvlanAttachment(parent, false, MacvlanMode.BRIDGE, 0, null, null);
    }

    /** The parent is in the container's namespace, not the host's (CNI's {@code linkInContainer}). */
    public MacvlanAttachment withParentInContainer() {
        return new MacvlanAttachment(parent, true, mode, mtu, mac, bcQueueLen);
    }

    public MacvlanAttachment withMode(MacvlanMode mode) {
        return new MacvlanAttachment(parent, parentInContainer, mode, mtu, mac, bcQueueLen);
    }

    public MacvlanAttachment withMtu(int mtu) {
        return new MacvlanAttachment(parent, parentInContainer, mode, mtu, mac, bcQueueLen);
    }

    public MacvlanAttachment withMac(MacAddress mac) {
        return new MacvlanAttachment(parent, parentInContainer, mode, mtu, mac, bcQueueLen);
    }

    public MacvlanAttachment withBcQueueLen(Integer bcQueueLen) {
        return new MacvlanAttachment(parent, parentInContainer, mode, mtu, mac, bcQueueLen);
    }

    /** The link spec for interface {@code ifName}. */
    Macvlan spec(String ifName) {
        return spec(ifName, parent, mode, mtu, mac, bcQueueLen);
    }

    private static Macvlan spec(String ifName, String parent, MacvlanMode mode, int mtu, MacAddress mac,
                                Integer bcQueueLen) {
        return Macvlan.of(ifName, parent).withMode(mode).withMtu(mtu).withMac(mac).withBcQueueLen(bcQueueLen);
    }
}
