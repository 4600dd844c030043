package io.jnetlink.macvlan;

import java.util.Locale;
import java.util.Optional;

/**
 * Macvlan/macvtap modes ({@code MACVLAN_MODE_*} of {@code <linux/if_link.h>}). The kernel's own
 * default, when no mode is given, is {@link #VEPA}; this library defaults to {@link #BRIDGE}, as
 * Docker and the CNI plugin do.
 */
public enum MacvlanMode {
    /** Children never reach each other, even through a hairpin switch. */
    PRIVATE(1),
    /** Every frame goes out the parent; children reach each other only through a hairpin switch. */
    VEPA(2),
    /** Children reach each other directly, inside the parent. */
    BRIDGE(4),
    /** The one child takes over the parent (and its MAC). */
    PASSTHRU(8),
    /** The child receives only frames from an allowed list of source MACs. */
    SOURCE(16);

    private final int kernelValue;

    MacvlanMode(int kernelValue) {
        this.kernelValue = kernelValue;
    }

    public int kernelValue() {
        return kernelValue;
    }

    /** The mode for a kernel value; empty for a value this library does not know. */
    public static Optional<MacvlanMode> of(int kernelValue) {
        for (MacvlanMode mode : values()) {
            if (mode.kernelValue == kernelValue) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** The mode {@code ip link} and the CNI plugin spell {@code name} ({@code bridge}, ...), if any. */
    public static Optional<MacvlanMode> parse(String name) {
        for (MacvlanMode mode : values()) {
            if (mode.ipName().equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** As {@code ip link} spells it: {@code bridge}, {@code vepa}, ... */
    public String ipName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
