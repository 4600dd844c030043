package io.jnetlink.macvlan;

/**
 * Whether a link takes IPv6 router advertisements: {@code net.ipv6.conf.<link>.accept_ra}. Without
 * them it gets no default route and no SLAAC address from a router.
 */
public enum AcceptRa {
    /** Never ({@code 0}). */
    NEVER(0),
    /** Only while the link does not forward ({@code 1}, the kernel's default). */
    UNLESS_FORWARDING(1),
    /** Even while it forwards ({@code 2}). */
    ALWAYS(2);

    private final int value;

    AcceptRa(int value) {
        this.value = value;
    }

    /** Its sysctl value. */
    public int value() {
        return value;
    }

    /** A sysctl value as the kernel takes it: 0 never, 2 always, any other {@link #UNLESS_FORWARDING}. */
    static AcceptRa of(int value) {
        return value == 0 ? NEVER : value == 2 ? ALWAYS : UNLESS_FORWARDING;
    }
}
