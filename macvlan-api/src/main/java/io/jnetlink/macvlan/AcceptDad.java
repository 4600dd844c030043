package io.jnetlink.macvlan;

/**
 * Whether a link runs IPv6 duplicate address detection on its new addresses:
 * {@code net.ipv6.conf.<link>.accept_dad}. While DAD runs, an address is {@code tentative} and
 * cannot be bound; the kernel also runs it when {@code net.ipv6.conf.all.accept_dad} asks for it.
 */
public enum AcceptDad {
    /** No DAD ({@code 0} or less): addresses are usable at once. */
    OFF(0),
    /** DAD ({@code 1}, the kernel's default). */
    ON(1),
    /** DAD, and IPv6 turned off on the link if its MAC-based link-local address is a duplicate ({@code 2}). */
    ON_DISABLING_IPV6(2);

    private final int value;

    AcceptDad(int value) {
        this.value = value;
    }

    /** Its sysctl value. */
    public int value() {
        return value;
    }

    /** A sysctl value as the kernel takes it: below 1 off, 1 on, above 1 {@link #ON_DISABLING_IPV6}. */
    static AcceptDad of(int value) {
        return value < 1 ? OFF : value == 1 ? ON : ON_DISABLING_IPV6;
    }
}
