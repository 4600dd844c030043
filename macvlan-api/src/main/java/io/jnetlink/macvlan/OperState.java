package io.jnetlink.macvlan;

/** RFC 2863 operational state of a link ({@code IF_OPER_*}), as {@code ip link} shows it. */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    static OperState of(int value) {
        OperState[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNKNOWN;
    }
}
