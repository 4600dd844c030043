package io.jnetlink.macvlan;

import io.jnetlink.core.rtnl.Fra;

import java.util.Set;

/**
 * Flags of a rule ({@code FIB_RULE_*}). Only {@link #INVERT} ({@code ip rule add not ...}) is asked
 * for; the kernel sets the others and reports them.
 */
public enum RuleFlag {
    /** A rule the kernel made and keeps ({@code FIB_RULE_PERMANENT}). */
    PERMANENT(Fra.FIB_RULE_PERMANENT),
    /** {@code not}: the rule matches what its selectors do not. */
    INVERT(Fra.FIB_RULE_INVERT),
    /** A {@code goto} whose target rule does not exist ({@code FIB_RULE_UNRESOLVED}). */
    UNRESOLVED(Fra.FIB_RULE_UNRESOLVED),
    /** The rule's {@code iif} does not exist ({@code [detached]} in {@code ip rule}). */
    IIF_DETACHED(Fra.FIB_RULE_IIF_DETACHED),
    /** The rule's {@code oif} does not exist. */
    OIF_DETACHED(Fra.FIB_RULE_OIF_DETACHED);

    private final int bit;

    RuleFlag(int bit) {
        this.bit = bit;
    }

    /** The {@code FIB_RULE_*} bit. */
    public int bit() {
        return bit;
    }

    /** The named flags among {@code bits}. */
    static Set<RuleFlag> fromBits(int bits) {
        return Bits.named(RuleFlag.class, bits, RuleFlag::bit);
    }
}
