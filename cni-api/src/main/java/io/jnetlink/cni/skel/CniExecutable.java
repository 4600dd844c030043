package io.jnetlink.cni.skel;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniCommand;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.CniVersion;
import io.jnetlink.cni.types.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a plugin executable does with one call, for any {@link CniPlugin}: reads the {@code CNI_*}
 * variables, runs the command on the config from stdin, prints only the result (or nothing) on
 * success and the error JSON (in the config's {@code cniVersion}) on failure, and returns the exit
 * code, 0 or 1. {@code cni/target/bin/macvlan} is this with the macvlan plugin; an IPAM
 * executable is this with an IPAM plugin:
 *
 * <pre>{@code
 * public static void main(String[] args) throws IOException {
 *     CniExecutable.main(new IpamCniPlugin());
 * }
 * }</pre>
 */
public final class CniExecutable {

    private CniExecutable() {
    }

    /** The executable's {@code main}: one call of {@code plugin} with this process's environment and stdin; exits. */
    public static void main(CniPlugin plugin) throws IOException {
        System.exit(run(plugin, System.getenv(), System.in.readAllBytes(), System.out));
    }

    /** One call of {@code plugin} as an executable makes it; returns the exit code. */
    public static int run(CniPlugin plugin, Map<String, String> env, byte[] stdin, PrintStream out) {
        byte[] config = null; // the error JSON is in the config's version once the arguments passed
        try {
            CniCommand command = CniArgs.command(env);
            CniArgs args = CniArgs.fromEnvironment(env).validate(command);
            config = stdin;
            byte[] result = Skel.run(plugin, command, args, command == CniCommand.VERSION ? new byte[0] : stdin);
            out.write(result, 0, result.length);
            out.flush();
            return 0;
        } catch (CniException e) {
            print(out, e, declaredVersion(config));
            return 1;
        } catch (RuntimeException | Error e) {
            print(out, new CniException(CniException.INTERNAL, String.valueOf(e), ""), declaredVersion(config));
            return 1;
        }
    }

    private static void print(PrintStream out, CniException e, String version) {
        out.print(Json.write(e.toJson(version)));
        out.flush();
    }

    /**
     * The {@code cniVersion} of {@code config}, for the error JSON (read only when there is an
     * error); {@link CniVersion#CURRENT} without a config or a supported version in it.
     */
    private static String declaredVersion(byte[] config) {
        if (config == null) {
            return CniVersion.CURRENT;
        }
        try {
            Object v = Json.object(config, "config").get("cniVersion");
            return v instanceof String s && CniVersion.SUPPORTED.contains(s) ? s : CniVersion.CURRENT;
        } catch (CniException e) {
            return CniVersion.CURRENT;
        }
    }
}
