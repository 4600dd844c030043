package io.jnetlink.core.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A Linux capability ({@code capabilities(7)}) this library's callers need, and whether this
 * process has it: its effective set as the {@code CapEff:} line of {@code /proc/self/status}
 * reports it. Root normally has every capability; a user name proves nothing.
 */
public enum Capability {

    /** {@code CAP_NET_ADMIN}: links, addresses, routes, and entering network namespaces. */
    NET_ADMIN(12),
    /** {@code CAP_SYS_ADMIN}: creating and mounting namespaces. */
    SYS_ADMIN(21);

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String CAP_EFF = "CapEff:";

    private final int number;

    Capability(int number) {
        this.number = number;
    }

    /** The capability's number, its bit in the kernel's capability sets ({@code CAP_NET_ADMIN} is 12). */
    int number() {
        return number;
    }

    /** The name {@code capabilities(7)} uses, e.g. {@code CAP_NET_ADMIN}. */
    public String capName() {
        return "CAP_" + name();
    }

    /**
     * Why an {@code EPERM} may have come, in words, if this process lacks the capability:
     * {@code <what> needs CAP_NET_ADMIN, which this process does not have (root has it)}; empty
     * when it has it (the refusal then has another cause, such as a namespace owned by another
     * user namespace).
     */
    public Optional<String> explainMissing(String what) {
        return isEffective() ? Optional.empty()
                : Optional.of(what + " needs " + capName() + ", which this process does not have (root has it)");
    }

    /** True if this capability is in this process's effective set (false if that cannot be read). */
    boolean isEffective() {
        return effective().contains(this);
    }

    /**
     * The capabilities of this enum that are in this process's effective set, read afresh; empty
     * if {@code /proc/self/status} cannot be read or has no {@code CapEff:} line.
     */
    public static Set<Capability> effective() {
        try {
            return in(Files.readString(STATUS));
        } catch (IOException e) {
            return EnumSet.noneOf(Capability.class);
        }
    }

    /** The capabilities in the {@code CapEff:} mask of a {@code /proc/<pid>/status} text; empty if none is readable. */
    static Set<Capability> in(String status) {
        Set<Capability> found = EnumSet.noneOf(Capability.class);
        long mask = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith(CAP_EFF)) {
                try {
                    mask = Long.parseUnsignedLong(line.substring(CAP_EFF.length()).strip(), 16);
                } catch (NumberFormatException e) {
                    return found;
                }
                break;
            }
        }
        for (Capability capability : values()) {
            if ((mask & (1L << capability.number)) != 0) {
                found.add(capability);
            }
        }
        return found;
    }
}
