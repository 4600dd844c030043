package io.jnetlink.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether this process may build sandboxes: {@code CAP_NET_ADMIN} (links, addresses, routes)
 * and {@code CAP_SYS_ADMIN} (creating and mounting namespaces) in its effective capability set,
 * as {@code /proc/self/status} reports it. Root has both; a user name proves nothing.
 */
public final class Privileges {

    static final int CAP_NET_ADMIN = 12;
    static final int CAP_SYS_ADMIN = 21;

    private Privileges() {
    }

    /** Why sandboxes cannot be built here, or empty if they can. */
    public static Optional<String> missing() {
        BigInteger effective = effectiveCapabilities();
        List<String> absent = new ArrayList<>();
        if (!effective.testBit(CAP_NET_ADMIN)) {
            absent.add("CAP_NET_ADMIN");
        }
        if (!effective.testBit(CAP_SYS_ADMIN)) {
            absent.add("CAP_SYS_ADMIN");
        }
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

    private static BigInteger effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring("CapEff:".length()).strip(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return BigInteger.ZERO;
        }
        return BigInteger.ZERO;
    }
}
