package io.jnetlink.macvlan;

import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.rtnl.Fra;

/** What a matching rule does ({@code enum fr_act}), named as {@code ip rule} writes it. */
public enum RuleAction {
    /** {@code FR_ACT_UNSPEC}: reported for a rule made without an action (the kernel takes it; it does nothing). */
    UNSPEC(0, "unspec"),
    /** {@code lookup <table>}: route by the rule's table ({@code FR_ACT_TO_TBL}). */
    LOOKUP(Fra.FR_ACT_TO_TBL, "lookup"),
    /** {@code goto <priority>}: go on at the rule with that priority. */
    GOTO(Fra.FR_ACT_GOTO, "goto"),
    /** {@code nop}: do nothing, go on with the next rule. */
    NOP(Fra.FR_ACT_NOP, "nop"),
    /** {@code FR_ACT_RES3}, reserved: reported as the kernel keeps it. */
    RES3(4, "res3"),
    /** {@code FR_ACT_RES4}, reserved: reported as the kernel keeps it. */
    RES4(5, "res4"),
    /** {@code blackhole}: drop silently. */
    BLACKHOLE(Fra.FR_ACT_BLACKHOLE, "blackhole"),
    /** {@code unreachable}: refuse with "network unreachable". */
    UNREACHABLE(Fra.FR_ACT_UNREACHABLE, "unreachable"),
    /** {@code prohibit}: refuse with "administratively prohibited". */
    PROHIBIT(Fra.FR_ACT_PROHIBIT, "prohibit");

    private final int number;
    private final String ipName;

    RuleAction(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /** The kernel's {@code FR_ACT_*} number. */
    public int number() {
        return number;
    }

    /** As {@code ip rule} writes it. */
    public String ipName() {
        return ipName;
    }

    /** The action of {@code FR_ACT_*} {@code number}. */
    static RuleAction of(int number) {
        for (RuleAction a : values()) {
            if (a.number == number) {
                return a;
            }
        }
        throw new MalformedMessageException("RTM_NEWRULE: rule action " + number + " is beyond the kernel's FR_ACT_MAX");
    }
}
