package io.jnetlink.macvlan;

/** Checks of user input that the kernel would reject, done before anything is sent. */
final class Validation {

    static final int IFNAMSIZ = 16;
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 65535;

    private Validation() {
    }

    /** An interface name as the kernel's {@code dev_valid_name}: 1-15 bytes, no '/', ':' or whitespace, not . or .. */
    static String ifname(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(field + ": interface name must not be empty");
        }
        int bytes = utf8Length(name);
        if (bytes >= IFNAMSIZ) {
            throw new IllegalArgumentException(field + ": interface name \"" + name + "\" is " + bytes
                    + " bytes; the limit is " + (IFNAMSIZ - 1));
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(field + ": interface name \"" + name + "\" is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == '\0' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(field + ": interface name \"" + name
                        + "\" must not contain '/', ':', NUL or whitespace");
            }
        }
        return name;
    }

    /** 0 means "kernel default"; otherwise 68..65535. */
    static int mtu(String field, int mtu) {
        if (mtu != 0 && (mtu < MIN_MTU || mtu > MAX_MTU)) {
            throw new IllegalArgumentException(field + ": MTU " + mtu + " is outside " + MIN_MTU + ".." + MAX_MTU);
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

    static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must not be negative, got " + value);
        }
        return value;
    }

    /** The length of {@code text} as {@code String.getBytes(UTF_8)} encodes it, without encoding it. */
    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // unpaired: the encoder writes '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
