package io.jnetlink.cni.etcd;

import io.jnetlink.cni.plugins.Launcher;
import io.jnetlink.cni.plugins.daemon.CniDaemonMain;
import io.jnetlink.cni.plugins.ipam.IpamCniPlugin;
import io.jnetlink.cni.skel.CniExecutable;
import io.jnetlink.testkit.EtcdCluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Build step for the etcd IPAM executable: writes its JVM launcher {@code target/jvm/etcd} ({@link
 * Launcher}, with the AOT cache of this build; the shim {@code target/bin/etcd} runs it when no daemon
 * serves it) and {@code target/bin/cni-daemon} (the CNI daemon, with the etcd IPAM beside cni's
 * plugins), then makes the calls a plugin run makes so that this JVM, started with
 * {@code -XX:AOTCacheOutput}, records what they load and link: VERSION, an ADD whose etcd does not
 * answer, and, when {@code /usr/bin/etcd} is installed, ADD, CHECK and DEL against a throwaway etcd
 * ({@link EtcdCluster}: on a free 127.0.0.1 port, stopped by pid, its data removed).
 */
public final class EtcdTraining {

    private static final Path ETCD = Path.of("/usr/bin/etcd");
    private static final int ROUNDS = 5;
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    private EtcdTraining() {
    }

    /**
     * Arguments: the bin directory (for {@code cni-daemon}), the JVM executable to write (what the
     * shim {@code bin/etcd} falls back to), the AOT cache path, then the JVM options the launchers pass.
     */
    public static void main(String[] args) throws Exception {
        GRPC_LOG.setLevel(Level.WARNING);
        List<String> options = List.of(args).subList(3, args.length);
        List<String> launcher = new ArrayList<>(List.of(args[1], EtcdIpamMain.class.getName()));
        launcher.addAll(options);
        // the CNI daemon with the etcd IPAM on its class path: it serves type "etcd" beside cni's plugins
        List<String> daemonOptions = new ArrayList<>(options);
        daemonOptions.addAll(List.of("-Xms8m", "-Xmx64m", "-XX:TrimNativeHeapInterval=5000"));
        Launcher.writeService(Path.of(args[0]).toAbsolutePath().resolve("cni-daemon"),
                CniDaemonMain.class.getName(), daemonOptions, "JNETLINK_CNI_DAEMON_JAVA_OPTIONS");
        launcher.add("-XX:AOTCache=" + Path.of(args[2]).toAbsolutePath());
        Launcher.main(launcher.toArray(String[]::new));
        call("VERSION", "", 0);
        call("ADD", config("http://127.0.0.1:" + freePort(), 300), 1);
        if (Files.isExecutable(ETCD)) {
            withEtcd(endpoint -> {
                for (int i = 0; i < ROUNDS; i++) {
                    call("ADD", config(endpoint, 5000), 0);
                    call("DEL", config(endpoint, 5000), 0);
                }
            });
        }
    }

    private interface Rounds {
        void run(String endpoint) throws Exception;
    }

    private static String config(String endpoint, int timeoutMillis) {
        return """
                {"cniVersion":"1.0.0","name":"aot","ipam":{"type":"etcd","subnet":"198.18.0.0/24",
                 "etcd":{"endpoints":["%s"],"keyPrefix":"/jnetlink-aot","hostId":"aot","timeoutMillis":%d}}}"""
                .formatted(endpoint, timeoutMillis);
    }

    /** One call as the executable makes it; fails the build if the exit code is not {@code expected}. */
    private static void call(String command, String config, int expected) {
        Map<String, String> env = new HashMap<>(Map.of("CNI_COMMAND", command, "CNI_CONTAINERID", "aot",
                "CNI_NETNS", "/proc/self/ns/net", "CNI_IFNAME", "eth0", "CNI_PATH", "/nonexistent"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = CniExecutable.run(new IpamCniPlugin(), env, config.getBytes(StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (exit != expected) {
            throw new IllegalStateException("AOT training " + command + " exited " + exit + ": " + out);
        }
    }

    /** Runs {@code rounds} against an etcd of its own (testkit's, on loopback, stopped by pid). */
    private static void withEtcd(Rounds rounds) throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            rounds.run(etcd.endpoints().getFirst());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
