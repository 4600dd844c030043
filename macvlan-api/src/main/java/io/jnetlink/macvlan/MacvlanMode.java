package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.Ifla;

/**
 * Macvlan/macvtap modes ({@code MACVLAN_MODE_*}). The kernel's own default, when no mode is
 * given, is {@link #VEPA}; this library defaults to {@link #BRIDGE}, as Docker and the CNI
 * plugin do.
 */
public enum MacvlanMode {
    /** Children never reach each other, even through a hairpin switch. */
    PRIVATE(Ifla.MACVLAN_MODE_PRIVATE),
    /** Every frame goes out the parent; children reach each other only through a hairpin switch. */
    VEPA(Ifla.MACVLAN_MODE_VEPA),
    /** Children reach each other directly, inside the parent. */
    BRIDGE(Ifla.MACVLAN_MODE_BRIDGE),
    /** The one child takes over the parent (and its MAC). */
    PASSTHRU(Ifla.MACVLAN_MODE_PASSTHRU),
    /** The child receives only frames from an allowed list of source MACs. */
    SOURCE(Ifla.MACVLAN_MODE_SOURCE);

    private final int kernelValue;

    MacvlanMode(int kernelValue) {
        this.kernelValue = kernelValue;
    }

    public int kernelValue() {
        return kernelValue;
    }

    /** The mode for a kernel value, or null if unknown. */
    public static MacvlanMode of(int kernelValue) {
        for (MacvlanMode mode : values()) {
            if (mode.kernelValue == kernelValue) {
                return mode;
            }
        }
        return null;
    }

    /** As {@code ip link} spells it: {@code bridge}, {@code vepa}, ... */
    public String ipName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
