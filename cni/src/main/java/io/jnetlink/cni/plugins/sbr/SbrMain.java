package io.jnetlink.cni.plugins.sbr;

import io.jnetlink.cni.skel.CniExecutable;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** The executable: {@code cni/target/bin/sbr}, a drop-in for {@code /opt/cni/bin/sbr} ({@link CniExecutable}). */
public final class SbrMain {

    private SbrMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(CniExecutable.environment(), System.in.readAllBytes(), System.out));
    }

    /** One call of the plugin as the executable makes it; returns the exit code. */
    public static int run(Map<String, String> env, byte[] stdin, PrintStream out) {
        try (SbrPlugin plugin = new SbrPlugin()) {
            return CniExecutable.run(plugin, env, stdin, out);
        }
    }
}
