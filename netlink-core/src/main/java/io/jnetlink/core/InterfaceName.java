package io.jnetlink.core;

import java.nio.charset.StandardCharsets;

/**
 * The one rule for network interface names, the kernel's {@code dev_valid_name}: 1 to 15 bytes in
 * UTF-8 ({@code IFNAMSIZ} less the terminating NUL), not {@code .} or {@code ..}, and no byte that
 * is {@code /}, {@code :}, NUL or a space to the kernel's {@code isspace}. Links and IPAM owners use
 * it as it is; the CNI spec's check of {@code CNI_IFNAME} adds Unicode spaces on top of it
 * ({@code io.jnetlink.cni.types.CniNames}).
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
        /** A {@code /}, {@code :}, NUL or whitespace byte (tab to carriage return, space, 0xA0). */
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
        if (name.length() >= IFNAMSIZ) {
            return Problem.TOO_LONG; // every char is at least one byte
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= IFNAMSIZ) {
            return Problem.TOO_LONG;
        }
        if (name.equals(".") || name.equals("..")) {
            return Problem.RESERVED;
        }
        for (byte b : bytes) {
            if (b == '/' || b == ':' || b == 0 || isKernelSpace(b)) {
                return Problem.FORBIDDEN_CHARACTER;
            }
        }
        return null;
    }

    /**
     * The kernel's {@code isspace} on one byte of the name: tab to carriage return, space, and 0xA0
     * (its ctype table is Latin-1), so a character whose UTF-8 holds 0xA0, such as 'à', is refused.
     */
    private static boolean isKernelSpace(byte b) {
        int c = b & 0xff;
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
