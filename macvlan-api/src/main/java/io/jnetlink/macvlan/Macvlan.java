package io.jnetlink.macvlan;

import io.jnetlink.core.NetNs;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A macvlan to create, as {@code ip link add link <parent> name <name> type macvlan mode <mode>}
 * and everything else the kernel offers. Start from {@link #of} (mode {@link MacvlanMode#BRIDGE})
 * and adjust with the {@code with...} methods. Fields are checked on construction; combinations
 * (flags and source MACs against the mode) by {@link #validate()}, which every create calls.
 *
 * @param name       interface name
 * @param parent     name of the parent (lower) link, in the namespace of the entry point
 * @param mode       macvlan mode
 * @param mac        its MAC, or null for a random one (passthru: the parent's)
 * @param mtu        MTU, or 0 for the parent's
 * @param flags      {@code NOPROMISC} (passthru only) and {@code NODST}
 * @param bcQueueLen broadcast queue length ({@code bcqueuelen}), or null for the kernel's default
 * @param bcCutoff   broadcast cutoff ({@code bccutoff}), or null for the kernel's default
 * @param sourceMacs allowed source MACs, source mode only
 * @param netns      namespace to create it in directly, or null
 */
public record Macvlan(String name, String parent, MacvlanMode mode, MacAddress mac, int mtu, Set<MacvlanFlag> flags,
                      Integer bcQueueLen, Integer bcCutoff, List<MacAddress> sourceMacs, NetNs netns)
        implements LinkSpec {

    public Macvlan {
        Validation.ifname("macvlan name", name);
        Validation.ifname("macvlan parent", parent);
        if (mode == null) {
            throw new IllegalArgumentException("macvlan mode: must not be null");
        }
        if (mac != null) {
            mac.requireUnicast("macvlan mac");
        }
        Validation.mtu("macvlan mtu", mtu);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (bcQueueLen != null) {
            Validation.nonNegative("macvlan bcQueueLen", bcQueueLen);
        }
        sourceMacs = List.copyOf(sourceMacs);
        for (MacAddress source : sourceMacs) {
            source.requireUnicast("macvlan sourceMacs");
        }
    }

    /** A bridge-mode macvlan {@code name} on {@code parent}, everything else left to the kernel. */
    public static Macvlan of(String name, String parent) {
        return new Macvlan(name, parent, MacvlanMode.BRIDGE, null, 0, Set.of(), null, null, List.of(), null);
    }

    @Override
    public String kind() {
        return "macvlan";
    }

    /**
     * Checks the combinations the kernel would reject: {@code NOPROMISC} outside passthru,
     * source MACs outside source mode.
     */
    public Macvlan validate() {
        if (flags.contains(MacvlanFlag.NOPROMISC) && mode != MacvlanMode.PASSTHRU) {
            throw new IllegalArgumentException("macvlan flags: NOPROMISC is only valid in mode PASSTHRU, not " + mode);
        }
        if (!sourceMacs.isEmpty() && mode != MacvlanMode.SOURCE) {
            throw new IllegalArgumentException("macvlan sourceMacs: " + sourceMacs
                    + " given, but source MACs are only valid in mode SOURCE, not " + mode);
        }
        return this;
    }

    public Macvlan withName(String name) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withMode(MacvlanMode mode) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withMac(MacAddress mac) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withMtu(int mtu) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withFlags(Set<MacvlanFlag> flags) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withBcQueueLen(int bcQueueLen) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withBcCutoff(int bcCutoff) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    public Macvlan withSourceMacs(List<MacAddress> sourceMacs) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }

    /** Created directly inside {@code netns} (under a temporary name, renamed there). */
    public Macvlan inNamespace(NetNs netns) {
        return new Macvlan(name, parent, mode, mac, mtu, flags, bcQueueLen, bcCutoff, sourceMacs, netns);
    }
}
