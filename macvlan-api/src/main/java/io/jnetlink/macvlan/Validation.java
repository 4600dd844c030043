package io.jnetlink.macvlan;

import io.jnetlink.core.InterfaceName;

/** Checks of user input that the kernel would reject, done before anything is sent. */
final class Validation {

    private Validation() {
    }

    /** An interface name as the kernel's {@code dev_valid_name}: {@link InterfaceName}'s rule. */
    static String ifname(String field, String name) {
        return InterfaceName.requireValid(field, name);
    }

    /**
     * 0 means "kernel default"; any other value goes to the kernel, which alone knows the
     * device's limits ({@code minmtu}/{@code maxmtu} of {@code ip -d link}: lo takes 65536). Only
     * a negative number, a u32 beyond any device's maximum, is refused here.
     */
    static int mtu(String field, int mtu) {
        if (mtu < 0) {
            throw new IllegalArgumentException(field + ": MTU " + Integer.toUnsignedString(mtu)
                    + " is larger than any device takes");
        }
        return mtu;
    }

    /** A u32 the kernel takes: 0..4294967295. */
    static long u32(String field, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(field + ": " + value + " is outside 0..4294967295");
        }
        return value;
    }

    /** A u8 the kernel takes: 0..255. */
    static int u8(String field, int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(field + ": " + value + " is outside 0..255");
        }
        return value;
    }

    static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must not be negative, got " + value);
        }
        return value;
    }
}
