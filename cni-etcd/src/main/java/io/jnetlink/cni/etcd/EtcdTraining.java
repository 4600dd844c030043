package io.jnetlink.cni.etcd;

import io.jnetlink.cni.skel.CniExecutable;
import io.jnetlink.cni.plugins.ipam.IpamCniPlugin;
import io.jnetlink.cni.plugins.Launcher;
import io.jnetlink.core.posix.Posix;

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
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Build step for {@code target/bin/etcd}: writes its launcher ({@link Launcher}, with the AOT cache
 * of this build), then makes the calls a plugin run makes so that this JVM, started with
 * {@code -XX:AOTCacheOutput}, records what they load and link: VERSION, an ADD whose etcd does not
 * answer, and, when {@code /usr/bin/etcd} is installed, ADD, CHECK and DEL against a throwaway etcd
 * on a free 127.0.0.1 port (its data in a temporary directory; stopped by pid and removed).
 */
public final class EtcdTraining {

    private static final Path ETCD = Path.of("/usr/bin/etcd");
    private static final int ROUNDS = 5;
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    private EtcdTraining() {
    }

    /** Arguments: the launcher to write, the AOT cache path, then the JVM options the launcher passes. */
    public static void main(String[] args) throws Exception {
        GRPC_LOG.setLevel(Level.WARNING);
        List<String> launcher = new ArrayList<>(List.of(args[0], EtcdIpamMain.class.getName()));
        launcher.addAll(List.of(args).subList(2, args.length));
        launcher.add("-XX:AOTCache=" + Path.of(args[1]).toAbsolutePath());
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

    /** Runs {@code rounds} against an etcd of its own, started and stopped by pid. */
    private static void withEtcd(Rounds rounds) throws Exception {
        Path dir = Files.createTempDirectory("jnltest-aot-etcd-");
        String endpoint = "http://127.0.0.1:" + freePort();
        String peer = "http://127.0.0.1:" + freePort();
        Path log = dir.resolve("etcd.log");
        Process etcd = new ProcessBuilder(ETCD.toString(), "--name", "aot", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint, "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer, "--initial-cluster", "aot=" + peer)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(log).contains("ready to serve client requests")) {
                if (System.nanoTime() > deadline || !etcd.isAlive()) {
                    throw new IllegalStateException("AOT training: etcd did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            rounds.run(endpoint);
        } finally {
            etcd.destroy();
            if (!etcd.waitFor(10, TimeUnit.SECONDS)) {
                etcd.destroyForcibly();
                etcd.waitFor(10, TimeUnit.SECONDS);
            }
            Posix.deleteRecursively(dir);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
