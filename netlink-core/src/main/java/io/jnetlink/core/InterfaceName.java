package io.jnetlink.core;

/**
 * The one rule for network interface names, the kernel's {@code dev_valid_name} (which the CNI
 * spec's {@code CNI_IFNAME} check repeats): 1 to 15 bytes in UTF-8 ({@code IFNAMSIZ} less the
 * terminating NUL), not {@code .} or {@code ..}, and no {@code /}, {@code :}, NUL or whitespace.
 * Used by links, CNI arguments and Multus annotations alike.
 */
public final class InterfaceName {

    /** The kernel's {@code IFNAMSIZ}, the terminating NUL included. */
    public static final int IFNAMSIZ = 16;

    private InterfaceName() {
    }

    /** Why the kernel refuses a name; each caller words it in its own terms (the CNI spec has its texts). */
    public enum Problem {
        /** No name at all. */
        EMPTY,
        /** More than 15 bytes in UTF-8. */
        TOO_LONG,
        /** {@code .} or {@code ..}. */
        RESERVED,
        /** A {@code /}, {@code :}, NUL or whitespace character. */
        FORBIDDEN_CHARACTER
    }

    /**
     * {@code name} if the kernel would take it as an interface name; otherwise an
     * {@link IllegalArgumentException} whose message starts with {@code field} and says why.
     */
    public static String requireValid(String field, String name) {
        Problem problem = problem(name);
        if (problem == null) {
            return name;
        }
        throw new IllegalArgumentException(field + ": " + switch (problem) {
            case EMPTY -> "interface name must not be empty";
            case TOO_LONG -> "interface name \"" + name + "\" is " + utf8Length(name) + " bytes; the limit is "
                    + (IFNAMSIZ - 1);
            case RESERVED -> "interface name \"" + name + "\" is reserved";
            case FORBIDDEN_CHARACTER -> "interface name \"" + name + "\" must not contain '/', ':', NUL or whitespace";
        });
    }

    /** Why the kernel would refuse {@code name} as an interface name, or null if it would take it. */
    public static Problem problem(String name) {
        if (name == null || name.isEmpty()) {
            return Problem.EMPTY;
        }
        if (utf8Length(name) >= IFNAMSIZ) {
            return Problem.TOO_LONG;
        }
        if (name.equals(".") || name.equals("..")) {
            return Problem.RESERVED;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == '\0' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return Problem.FORBIDDEN_CHARACTER;
            }
        }
        return null;
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
