package io.jnetlink.cni;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code cni/target/bin/cnitool}, the reference {@code cnitool} for people at a shell:
 * {@code cnitool add|check|del|gc|status <network> <netns path>}. Configs come from
 * {@code NETCONFPATH} (default {@code /etc/cni/net.d}), plugins from {@code CNI_PATH}; the interface
 * is {@code CNI_IFNAME} (default {@code eth0}); {@code CAP_ARGS} holds capability arguments as JSON
 * and {@code CNI_ARGS} the plugin arguments; the container id is derived from the namespace path as
 * the reference derives it. Results are cached where libcni caches them ({@code /var/lib/cni}, or
 * {@code CNI_CACHE_DIR}). The result JSON goes to stdout, errors to stderr with exit code 1.
 */
public final class CniTool {

    private static final String USAGE = "usage: cnitool add|check|del|gc|status <network> <netns path>";

    private CniTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        if (args.length < 2 || (args.length < 3 && !List.of("gc", "status").contains(args[0]))) {
            System.err.println(USAGE);
            return 2;
        }
        try {
            Path netDir = Path.of(env.getOrDefault("NETCONFPATH", "/etc/cni/net.d"));
            NetworkConfigList network = NetworkConfigList.load(netDir, args[1]);
            List<Path> pluginPath = new ArrayList<>();
            for (String dir : env.getOrDefault("CNI_PATH", "").split(":")) {
                if (!dir.isEmpty()) {
                    pluginPath.add(Path.of(dir));
                }
            }
            Path cacheDir = Path.of(env.getOrDefault("CNI_CACHE_DIR", CniRuntime.DEFAULT_CACHE_DIR.toString()));
            CniRuntime runtime = new CniRuntime(pluginPath, cacheDir, Duration.ofMinutes(1));
            switch (args[0]) {
                case "status" -> runtime.status(network);
                case "gc" -> runtime.gc(network, runtime.cachedAttachments(network));
                case "add", "check", "del" -> {
                    RuntimeConf rt = runtimeConf(args[2], env);
                    switch (args[0]) {
                        case "add" -> System.out.print(Json.write(runtime.add(network, rt).toJson()));
                        case "check" -> runtime.check(network, rt);
                        default -> runtime.del(network, rt);
                    }
                }
                default -> {
                    System.err.println(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (CniException e) {
            System.err.println("cnitool: " + e.getMessage() + (e.details().isEmpty() ? "" : "; " + e.details()));
            return 1;
        }
    }

    private static RuntimeConf runtimeConf(String netnsArg, Map<String, String> env) {
        String netns = Path.of(netnsArg).toAbsolutePath().normalize().toString();
        CniArgs parsed = new CniArgs("VERSION", "", "", "", env.getOrDefault("CNI_ARGS", ""), "");
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
