package io.jnetlink.cni.types;

import io.jnetlink.core.InterfaceName;

import java.util.regex.Pattern;

/**
 * The spec's rules for names, in one place: a network's {@code name} and a container id share
 * libcni's pattern ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}); an interface name follows the kernel
 * ({@link InterfaceName}), reported in the spec's words.
 */
public final class CniNames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    private CniNames() {
    }

    /** True if {@code text} may be a network name or a container id. */
    public static boolean isValidName(String text) {
        return text != null && VALID.matcher(text).matches();
    }

    /** Why {@code ifName} cannot be an interface name, in the reference plugins' words; null if it can. */
    public static String interfaceNameProblem(String ifName) {
        InterfaceName.Problem problem = InterfaceName.problem(ifName);
        return problem == null ? null : switch (problem) {
            case EMPTY -> "interface name is empty";
            case TOO_LONG -> "interface name is too long";
            case RESERVED -> "interface name is . or ..";
            case FORBIDDEN_CHARACTER -> "interface name contains / or : or whitespace characters";
        };
    }
}
