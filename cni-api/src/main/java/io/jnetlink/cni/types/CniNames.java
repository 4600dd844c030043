package io.jnetlink.cni.types;

import io.jnetlink.core.InterfaceName;

import java.util.regex.Pattern;

/**
 * The spec's rules for names, in one place: a network's {@code name} and a container id share
 * libcni's pattern ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}); an interface name follows the kernel
 * ({@link InterfaceName}) and the spec refuses Unicode spaces too, reported in the spec's words.
 */
public final class CniNames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    private CniNames() {
    }

    /** True if {@code text} may be a network name or a container id. */
    public static boolean isValidName(String text) {
        return text != null && VALID.matcher(text).matches();
    }

    /**
     * Why {@code ifName} cannot be {@code CNI_IFNAME}, in the reference plugins' words; null if it
     * can: the kernel's rule, and no Unicode space (Go's {@code unicode.IsSpace}, as the spec's
     * skel checks) even where the kernel would take one.
     */
    public static String interfaceNameProblem(String ifName) {
        InterfaceName.Problem problem = InterfaceName.problem(ifName);
        if (problem == null && ifName.codePoints().anyMatch(CniNames::isUnicodeSpace)) {
            problem = InterfaceName.Problem.FORBIDDEN_CHARACTER;
        }
        return problem == null ? null : switch (problem) {
            case EMPTY -> "interface name is empty";
            case TOO_LONG -> "interface name is too long";
            case RESERVED -> "interface name is . or ..";
            case FORBIDDEN_CHARACTER -> "interface name contains / or : or whitespace characters";
        };
    }

    /** Go's {@code unicode.IsSpace}: the White_Space property. */
    private static boolean isUnicodeSpace(int c) {
        return Character.isSpaceChar(c) || (c >= '\t' && c <= '\r') || c == 0x85;
    }
}
