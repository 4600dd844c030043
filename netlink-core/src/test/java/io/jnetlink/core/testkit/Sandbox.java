package io.jnetlink.core.testkit;

import io.jnetlink.core.NetNs;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A named network namespace {@code jnltest-<random>} for one test, deleted by {@link #close()}
 * (use try-with-resources so a failing test cleans up too). Deleting the namespace deletes every
 * link inside it.
 */
public final class Sandbox implements AutoCloseable {

    private final String name;
    private final NetNs ns;

    private Sandbox(String name) {
        this.name = name;
        this.ns = NetNs.create(name);
    }

    /** Creates a fresh sandbox namespace; requires root. */
    public static Sandbox create() {
        Root.require();
        return new Sandbox(randomName());
    }

    public static String randomName() {
        byte[] bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "jnltest-" + HexFormat.of().formatHex(bytes);
    }

    public String name() {
        return name;
    }

    public NetNs ns() {
        return ns;
    }

    @Override
    public void close() {
        try {
            ns.close();
        } finally {
            NetNs.delete(name);
        }
    }
}
