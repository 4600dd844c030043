package io.jnetlink.testkit;

import io.jnetlink.core.posix.Capability;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this process may build sandboxes: {@code CAP_NET_ADMIN} (links, addresses, routes)
 * and {@code CAP_SYS_ADMIN} (creating and mounting namespaces) in its effective capability set,
 * as netlink-core's {@link Capability} reads it. Root has both; a user name proves nothing.
 */
public final class Privileges {

    private static final Set<Capability> NEEDED = EnumSet.of(Capability.NET_ADMIN, Capability.SYS_ADMIN);

    private Privileges() {
    }

    /** Why sandboxes cannot be built here, or empty if they can. */
    public static Optional<String> missing() {
        Set<Capability> effective = Capability.effective();
        List<String> absent = NEEDED.stream().filter(c -> !effective.contains(c)).map(Capability::capName).toList();
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("needs " + String.join(" and ", absent)
                + " (run as root): it creates network namespaces and links");
    }

    /** Throws a one-line {@link IllegalStateException} unless sandboxes can be built. */
    public static void require() {
        missing().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
    }
}
