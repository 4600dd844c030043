package io.jnetlink.cni.plugins.macvlan;

import io.jnetlink.cni.skel.CniExecutable;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * The executable: {@code cni/target/bin/macvlan}, a drop-in for {@code /opt/cni/bin/macvlan}. Reads
 * the {@code CNI_*} variables and the config on stdin, prints only the result or the error JSON on
 * stdout, and exits 0 on success, 1 on a CNI error ({@link CniExecutable}).
 */
public final class MacvlanMain {

    private MacvlanMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(CniExecutable.environment(), System.in.readAllBytes(), System.out));
    }

    /** One call of the plugin as the executable makes it; returns the exit code. */
    public static int run(Map<String, String> env, byte[] stdin, PrintStream out) {
        try (MacvlanPlugin plugin = new MacvlanPlugin()) {
            return CniExecutable.run(plugin, env, stdin, out);
        }
    }
}
