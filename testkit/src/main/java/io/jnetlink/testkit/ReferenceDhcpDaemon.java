package io.jnetlink.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CNI reference plugins' DHCP daemon ({@code /usr/lib/cni/dhcp daemon -broadcast}) for side-by-side
 * tests and benchmarks: run in a sandbox's namespace on a socket of the caller's, started again on the
 * same socket after {@link #kill()}, stopped by its pid. Without the reference plugins the test is
 * skipped with the reason, except under CI, where it fails.
 */
public final class ReferenceDhcpDaemon implements AutoCloseable {

    public static final Path DHCP = Path.of("/usr/lib/cni/dhcp");

    private final String netns;
    private final Path socket;
    private final List<String> options;
    private Process process;

    private ReferenceDhcpDaemon(String netns, Path socket, List<String> options) {
        this.netns = netns;
        this.socket = socket;
        this.options = options;
    }

    /** Starts it in network namespace {@code netns} on {@code socket} with {@code options} (e.g. {@code -timeout 5s}). */
    public static ReferenceDhcpDaemon start(String netns, Path socket, String... options) {
        if (!Files.isExecutable(DHCP)) {
            Prerequisites.skipOrFail("install containernetworking-plugins", DHCP + " is not installed");
        }
        ReferenceDhcpDaemon daemon = new ReferenceDhcpDaemon(netns, socket, List.of(options));
        daemon.restart();
        return daemon;
    }

    /** The socket the reference {@code dhcp} plugin finds it on ({@code ipam.daemonSocketPath}). */
    public Path socket() {
        return socket;
    }

    /** Starts it again (after {@link #kill()}) and waits until it listens. */
    public void restart() {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns, DHCP.toString(), "daemon",
                "-socketpath", socket.toString(), "-broadcast"));
        command.addAll(options);
        try {
            Files.deleteIfExists(socket);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start(); // ip netns exec execs it: one pid
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    kill();
                    throw new IllegalStateException("the reference dhcp daemon did not listen on " + socket);
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new IllegalStateException("starting the reference dhcp daemon: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while starting the reference dhcp daemon", e);
        }
    }

    /** SIGKILL to its pid, as a crash would end it. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
    }
}
