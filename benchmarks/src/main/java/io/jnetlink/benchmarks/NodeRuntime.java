package io.jnetlink.benchmarks;

import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetNsThread;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts executables as a node's container runtime starts a CNI plugin: directly, from the host's
 * network namespace (here the sandbox's host namespace, entered by a thread each caller keeps, so
 * the child starts there; no {@code ip netns exec} wrapper, whose own mount namespace and
 * {@code /sys} remount cost milliseconds a node never pays), with only the environment given
 * (as {@code env -i}), the config on stdin, stdout and stderr discarded.
 */
final class NodeRuntime implements AutoCloseable {

    private final NetNs host;
    private final ConcurrentLinkedQueue<NetNsThread> threads = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<NetNsThread> mine = ThreadLocal.withInitial(() -> {
        NetNsThread t = new NetNsThread();
        threads.add(t);
        return t;
    });

    /** Starting processes in {@code host}. */
    NodeRuntime(NetNs host) {
        this.host = host;
    }

    /** Runs {@code command} with exactly {@code environment}; fails unless it exits 0 within 60 s. */
    void run(List<String> command, Map<String, String> environment, byte[] stdin)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process p = mine.get().call(host, builder::start);
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException exitedWithoutReading) {
            // `true` does not read its stdin; its exit status tells
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " " + environment + " failed");
        }
    }

    @Override
    public void close() {
        threads.forEach(NetNsThread::close);
    }
}
