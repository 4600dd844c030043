package io.jnetlink.ipam.etcd;

import java.net.InetAddress;

/**
 * Where a range set's walk starts: the last address reserved by walking (or requested), and its
 * position, the number of candidates walked since the network began. The position only grows, so
 * of two hosts reserving at the same moment the one further along moves the cursor, whichever
 * commits last: the cursor never steps back over an address just handed out.
 *
 * @param address  the last reserved address, or null if none is recorded (walk from the start)
 * @param position its position, 0 if none is recorded (or it is unreadable)
 * @param revision etcd's modification revision of the recorded position, 0 if there is none
 */
record Cursor(InetAddress address, long position, long revision) {

    /** Digits of a position's text: fixed, so that etcd's byte-wise comparison of values orders positions. */
    private static final int DIGITS = 19;

    /** {@code position} as kept in etcd: fixed-width decimal. */
    static String text(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("cursor position " + position + " is negative");
        }
        return String.format("%0" + DIGITS + "d", position);
    }

    /** A position read from etcd; 0 if unreadable (as if none were recorded). */
    static long position(String text) {
        try {
            return text.length() == DIGITS ? Long.parseLong(text) : 0;
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}
