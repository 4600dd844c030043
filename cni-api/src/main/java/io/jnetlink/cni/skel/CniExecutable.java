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

    /**
     * The executable's {@code main}: one call of {@code plugin} with this process's environment
     * ({@link #environment()}) and stdin; exits.
     */
    public static void main(CniPlugin plugin) throws IOException {
        System.exit(run(plugin, environment(), System.in.readAllBytes(), System.out));
    }

    /**
     * This process's environment decoded as UTF-8, as the config on stdin is, whatever the locale
     * ({@link System#getenv()} decodes it in the locale's charset, ASCII when a runtime passes no
     * locale): what an executable's {@code main} gives {@link #run}.
     */
    public static Map<String, String> environment() {
        return ProcessEnvironment.read();
    }

    /**
     * Variables given as {@code /proc/<pid>/environ} holds them ({@code NAME=value} entries separated
     * by NUL, UTF-8), decoded as {@link #environment()} decodes this process's: for a call that was
     * forwarded with its environment (the CNI daemon's shim).
     */
    public static Map<String, String> environment(byte[] entries) {
        return ProcessEnvironment.parse(entries);
    }

    /**
     * One call of {@code plugin} as an executable makes it; returns the exit code. Only the
     * command is read here; the arguments and config are judged by {@link Skel}, as in process,
     * so a call fails with the same code and message both ways. Output is UTF-8 bytes, whatever
     * {@code out}'s charset.
     */
    public static int run(CniPlugin plugin, Map<String, String> env, byte[] stdin, PrintStream out) {
        byte[] config = null; // the error JSON is in the config's version, once there is a command that reads one
        try {
            CniCommand command = CniArgs.command(env);
            config = command == CniCommand.VERSION ? null : stdin;
            byte[] result = Skel.run(plugin, command, CniArgs.fromEnvironment(env),
                    command == CniCommand.VERSION ? new byte[0] : stdin);
            print(out, result);
            return 0;
        } catch (CniException e) {
            print(out, errorOutput(e, config));
            return 1;
        } catch (RuntimeException | Error e) {
            print(out, errorOutput(new CniException(CniException.INTERNAL, String.valueOf(e), ""), config));
            return 1;
        }
    }

    /**
     * What an executable prints on stdout when a call with {@code config} on stdin (null for
     * VERSION) fails with {@code failure}: the error JSON in the config's {@code cniVersion}.
     */
    public static byte[] errorOutput(CniException failure, byte[] config) {
        return Json.bytes(failure.toJson(declaredVersion(config)));
    }

    private static void print(PrintStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
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
