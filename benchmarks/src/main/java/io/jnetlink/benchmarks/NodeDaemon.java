package io.jnetlink.benchmarks;

import io.jnetlink.core.posix.Posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code cni/target/bin/cni-daemon} for a benchmark run, as a node runs it: in the namespace of
 * its callers (the sandbox's host namespace, as kubelet and the daemon share the host's), on a
 * socket in a fresh directory under /tmp; stopped by its pid (SIGTERM) and the directory removed
 * on {@link #close()}.
 */
final class NodeDaemon implements AutoCloseable {

    static final Path DAEMON = Path.of("cni/target/bin/cni-daemon").toAbsolutePath();

    private final Process process;
    private final Path dir;
    private final Path socket;

    private NodeDaemon(Process process, Path dir, Path socket) {
        this.process = process;
        this.dir = dir;
        this.socket = socket;
    }

    /** Runs the daemon in network namespace {@code host} (an {@code ip netns} name). */
    static NodeDaemon startIn(String host) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jnltest-bench-daemon-");
        Path socket = dir.resolve("run").resolve("cni.sock");
        Process p = new ProcessBuilder("ip", "netns", "exec", host, DAEMON.toString(), "--socket", socket.toString(),
                "--dhcp-leases", dir.resolve("dhcp").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        NodeDaemon daemon = new NodeDaemon(p, dir, socket);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                daemon.close();
                throw new IllegalStateException("cni-daemon did not start; see " + dir.resolve("daemon.log"));
            }
            Thread.sleep(20);
        }
        return daemon;
    }

    Path socket() {
        return socket;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Posix.deleteRecursively(dir);
    }
}
