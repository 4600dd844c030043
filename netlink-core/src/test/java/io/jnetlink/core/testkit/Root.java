package io.jnetlink.core.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Gate for tests that need root: skipped with a reason on a developer's machine, failed under CI. */
public final class Root {

    private Root() {
    }

    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Skips the calling test unless running as root; under CI (CI=true) a missing root fails it. */
    public static void require() {
        if (isRoot()) {
            return;
        }
        String reason = "needs root (or CAP_NET_ADMIN + CAP_SYS_ADMIN) to create network namespaces and links";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI must run as root: " + reason);
        }
        assumeTrue(false, reason);
    }
}
