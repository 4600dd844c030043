package io.jnetlink.cni;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * The executable: {@code cni/target/bin/macvlan}, a drop-in for {@code /opt/cni/bin/macvlan}. Reads
 * the {@code CNI_*} variables and the config on stdin, prints only the result or the error JSON on
 * stdout, and exits 0 on success, 1 on a CNI error.
 */
public final class MacvlanMain {

    private MacvlanMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(System.getenv(), System.in.readAllBytes(), System.out));
    }

    /** One call of the plugin as the executable makes it; returns the exit code. */
    static int run(Map<String, String> env, byte[] stdin, PrintStream out) {
        String version = CniVersion.CURRENT;
        try {
            CniArgs args = CniArgs.fromEnvironment(env);
            version = declaredVersion(stdin, version);
            try (MacvlanPlugin plugin = new MacvlanPlugin()) {
                byte[] result = plugin.run(args, args.command().equals("VERSION") ? new byte[0] : stdin);
                out.write(result, 0, result.length);
                out.flush();
                return 0;
            }
        } catch (CniException e) {
            print(out, e, version);
            return 1;
        } catch (RuntimeException | Error e) {
            print(out, new CniException(CniException.INTERNAL, String.valueOf(e), ""), version);
            return 1;
        }
    }

    private static void print(PrintStream out, CniException e, String version) {
        out.print(Json.write(e.toJson(version)));
        out.flush();
    }

    /** The config's {@code cniVersion}, for the error JSON; {@code fallback} when it cannot be read. */
    private static String declaredVersion(byte[] stdin, String fallback) {
        try {
            Object v = Json.object(stdin, "config").get("cniVersion");
            return v instanceof String s && CniVersion.SUPPORTED.contains(s) ? s : fallback;
        } catch (CniException e) {
            return fallback;
        }
    }
}
