package io.jnetlink.testkit;

import io.jnetlink.core.posix.Posix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A throwaway etcd cluster on 127.0.0.1 for tests: {@code n} members of Debian's
 * {@code /usr/bin/etcd} on free ports with data in a temporary directory, each started and
 * stopped by its pid; {@link #close} stops them all and removes the data, also after a failure.
 * Without etcd installed the test is skipped with the reason, except under CI, where it fails.
 */
public final class EtcdCluster implements AutoCloseable {

    private static final Path ETCD = Path.of("/usr/bin/etcd");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** Held so the setting stays: the etcd client's gRPC logs start-up facts at INFO; tests want quiet. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    static {
        GRPC_LOG.setLevel(Level.WARNING);
    }

    private final Path dir;
    private final List<Member> members;
    private final String initialCluster;
    private final ServerTls tls;
    /** The {@code ip netns} name the members run in, or null for the caller's namespace. */
    private final String netns;

    /**
     * Client-facing TLS of every member: its certificate and key, and the CA whose clients it
     * accepts (client certificates required).
     */
    public record ServerTls(Path cert, Path key, Path trustedCa) {
    }

    /** One member: its name, ports and, while it runs, its process. */
    public static final class Member {
        private final String name;
        private final int clientPort;
        private final int peerPort;
        private final boolean secure;
        private final boolean elsewhere;
        private Process process;
        private long logStart;

        private Member(String name, int clientPort, int peerPort, boolean secure, boolean elsewhere) {
            this.name = name;
            this.clientPort = clientPort;
            this.peerPort = peerPort;
            this.secure = secure;
            this.elsewhere = elsewhere;
        }

        public String endpoint() {
            return (secure ? "https" : "http") + "://127.0.0.1:" + clientPort;
        }

        public boolean running() {
            return process != null && process.isAlive();
        }
    }

    private EtcdCluster(Path dir, List<Member> members, ServerTls tls, String netns) {
        this.dir = dir;
        this.members = members;
        this.tls = tls;
        this.netns = netns;
        List<String> peers = new ArrayList<>();
        for (Member m : members) {
            peers.add(m.name + "=http://127.0.0.1:" + m.peerPort);
        }
        this.initialCluster = String.join(",", peers);
    }

    /** Starts {@code size} members and waits until each reports healthy. */
    public static EtcdCluster start(int size) {
        return start(size, null);
    }

    /** As {@link #start(int)}, the client URLs on TLS if {@code tls} is not null. */
    public static EtcdCluster start(int size, ServerTls tls) {
        return start(size, tls, null);
    }

    /**
     * As {@link #start(int)}, inside the network namespace {@code netns} (an {@code ip netns} name,
     * e.g. a {@link Sandbox}'s): on that namespace's 127.0.0.1, for plugins that run there.
     */
    public static EtcdCluster startIn(String netns, int size) {
        return start(size, null, netns);
    }

    private static EtcdCluster start(int size, ServerTls tls, String netns) {
        if (!Files.isExecutable(ETCD)) {
            Prerequisites.skipOrFail("have etcd", ETCD + " is not installed (apt-get install etcd-server)");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("jnltest-etcd-");
        } catch (IOException e) {
            throw new IllegalStateException("etcd data directory: " + e, e);
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new Member("m" + i, freePort(), freePort(), tls != null, netns != null));
        }
        EtcdCluster cluster = new EtcdCluster(dir, members, tls, netns);
        try {
            members.forEach(cluster::launch);
            members.forEach(cluster::awaitHealthy);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** Every member's client URL. */
    public List<String> endpoints() {
        return members.stream().map(Member::endpoint).toList();
    }

    /** Stops {@code member} (SIGTERM to its pid, SIGKILL after 10 s). */
    public void stop(Member member) {
        if (member.process == null) {
            return;
        }
        member.process.destroy();
        try {
            if (!member.process.waitFor(10, TimeUnit.SECONDS)) {
                member.process.destroyForcibly();
                member.process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            member.process.destroyForcibly();
        }
        member.process = null;
    }

    /** Starts a stopped {@code member} again on its data and waits until it is healthy. */
    public void restart(Member member) {
        launch(member);
        awaitHealthy(member);
    }

    @Override
    public void close() {
        members.forEach(this::stop);
        try {
            Posix.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("etcd: could not remove " + dir + ": " + e);
        }
    }

    private void launch(Member m) {
        String peer = "http://127.0.0.1:" + m.peerPort;
        List<String> command = new ArrayList<>();
        if (netns != null) {
            command.addAll(List.of("ip", "netns", "exec", netns)); // execs etcd: the pid stays etcd's
        }
        command.addAll(List.of(ETCD.toString(), "--name", m.name,
                "--data-dir", dir.resolve(m.name).toString(),
                "--listen-client-urls", m.endpoint(), "--advertise-client-urls", m.endpoint(),
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
                "--initial-cluster-token", dir.getFileName().toString()));
        if (tls != null) {
            command.addAll(List.of("--cert-file", tls.cert().toString(), "--key-file", tls.key().toString(),
                    "--trusted-ca-file", tls.trustedCa().toString(), "--client-cert-auth"));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(m.name + ".log").toFile()));
        try {
            Path log = dir.resolve(m.name + ".log");
            m.logStart = Files.exists(log) ? Files.size(log) : 0;
            m.process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("starting etcd member " + m.name + ": " + e, e);
        }
    }

    private void awaitHealthy(Member m) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                if (!m.running()) {
                    throw new IllegalStateException("etcd member " + m.name + " exited: " + log(m));
                }
                if (healthy(m)) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for etcd", e);
        }
        throw new IllegalStateException("etcd member " + m.name + " not healthy within 30 s: " + log(m));
    }

    /**
     * {@code /health} says true; on TLS (client certificates required) or in another namespace
     * (out of this JVM's reach) the member's log says it serves.
     */
    private boolean healthy(Member m) throws InterruptedException {
        if (m.secure || m.elsewhere) {
            try {
                String text = Files.readString(dir.resolve(m.name + ".log"));
                return text.substring((int) Math.min(m.logStart, text.length())).contains("ready to serve client requests");
            } catch (IOException notYet) {
                return false;
            }
        }
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(m.endpoint() + "/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("true");
        } catch (IOException notYet) {
            return false;
        }
    }

    private String log(Member m) {
        try {
            String text = Files.readString(dir.resolve(m.name + ".log"));
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e, e);
        }
    }
}
