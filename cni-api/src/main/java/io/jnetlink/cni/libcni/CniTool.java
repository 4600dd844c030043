package io.jnetlink.cni.libcni;

import io.jnetlink.cni.types.CniArgs;
import io.jnetlink.cni.types.CniException;
import io.jnetlink.cni.types.Json;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code cni/target/bin/cnitool}, the reference {@code cnitool} (libcni 1.1.2's) for people at a shell:
 * {@code cnitool add|check|del <network> <netns path>}. Configs come from {@code NETCONFPATH}
 * ({@code /etc/cni/net.d} when unset or empty) and are found as libcni finds them
 * ({@link NetworkConfigList#load}); plugins come from {@code CNI_PATH}; the interface is
 * {@code CNI_IFNAME} ({@code eth0} when unset); {@code CAP_ARGS} holds capability arguments as JSON
 * and {@code CNI_ARGS} the plugin arguments; the container id is derived from the namespace path as
 * the reference derives it. The result JSON goes to stdout, errors to stderr with exit code 1.
 * Wrong arguments (fewer than the command needs, or an unknown command) print the usage to stderr
 * and exit 1, as the reference does for too few arguments; the reference silently exits 0 for an
 * unknown command once the network has loaded, which would let a typo pass for success.
 *
 * <p>Ours, not the reference's: {@code cnitool gc <network>} and {@code cnitool status <network>}
 * (spec 1.1's GC, keeping the attachments that have a cached result, and STATUS), and
 * {@code CNI_CACHE_DIR}, where results are cached ({@code /var/lib/cni}, libcni's, when unset or empty).
 */
public final class CniTool {

    static final String USAGE = """
            usage: cnitool add|check|del <network> <netns path>
                   cnitool gc|status <network>
            Adds, checks or deletes a container's attachment to a network, as the reference cnitool;
            gc and status (CNI 1.1) are jnetlink's additions.
            Environment: NETCONFPATH (default /etc/cni/net.d), CNI_PATH, CNI_IFNAME (default eth0),
            CAP_ARGS (JSON), CNI_ARGS (K=V;K=V), CNI_CACHE_DIR (jnetlink's; default /var/lib/cni).""";

    private static final String DEFAULT_NET_DIR = "/etc/cni/net.d";
    private static final List<String> WITH_NETNS = List.of("add", "check", "del");
    private static final List<String> WITHOUT_NETNS = List.of("gc", "status");

    private CniTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs {@code args} with {@code env}; returns the exit code (0, or 1 for any failure). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean known = args.length > 0 && (WITH_NETNS.contains(args[0]) || WITHOUT_NETNS.contains(args[0]));
        if (!known || args.length < (WITH_NETNS.contains(args[0]) ? 3 : 2)) {
            err.println(USAGE);
            return 1;
        }
        try {
            NetworkConfigList network = NetworkConfigList.load(Path.of(orDefault(env, "NETCONFPATH", DEFAULT_NET_DIR)),
                    args[1]);
            CniRuntime runtime = CniRuntime.builder()
                    .pluginPath(CniArgs.pluginPath(env.getOrDefault("CNI_PATH", "")))
                    .cacheDir(Path.of(orDefault(env, "CNI_CACHE_DIR", CniRuntime.DEFAULT_CACHE_DIR.toString())))
                    .build();
            switch (args[0]) {
                case "status" -> runtime.status(network);
                case "gc" -> runtime.gc(network, runtime.cachedAttachments(network));
                default -> {
                    RuntimeConf rt = runtimeConf(args[2], env);
                    switch (args[0]) {
                        case "add" -> out.print(Json.write(runtime.add(network, rt).toJson()));
                        case "check" -> runtime.check(network, rt);
                        default -> runtime.del(network, rt);
                    }
                }
            }
            out.flush();
            return 0;
        } catch (CniException e) {
            err.println("cnitool: " + e.getMessage() + (e.details().isEmpty() ? "" : "; " + e.details()));
            return 1;
        }
    }

    /** {@code name}'s value, or {@code otherwise} when it is unset or empty (as the reference reads NETCONFPATH). */
    private static String orDefault(Map<String, String> env, String name, String otherwise) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    private static RuntimeConf runtimeConf(String netnsArg, Map<String, String> env) {
        String netns = Path.of(netnsArg).toAbsolutePath().normalize().toString();
        CniArgs parsed = CniArgs.NONE.withArgs(env.getOrDefault("CNI_ARGS", ""));
        List<Map.Entry<String, String>> pairs = new ArrayList<>(parsed.keyValues().entrySet());
        Map<String, Object> capabilities = Map.of();
        String capArgs = env.getOrDefault("CAP_ARGS", "");
        if (!capArgs.isEmpty()) {
            capabilities = Json.object(capArgs.getBytes(StandardCharsets.UTF_8), "CAP_ARGS");
        }
        return new RuntimeConf(containerId(netns), netns, env.getOrDefault("CNI_IFNAME", "eth0"), pairs, capabilities);
    }

    /** As the reference tool: {@code cnitool-} and the first 10 bytes of the path's SHA-512, in hex. */
    static String containerId(String netns) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(netns.getBytes(StandardCharsets.UTF_8));
            return "cnitool-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
