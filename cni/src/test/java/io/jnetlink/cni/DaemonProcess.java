package io.jnetlink.cni;

import io.jnetlink.core.posix.Posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * {@code target/bin/cni-daemon} as a node runs it: a process of its own on a socket in a fresh
 * directory under /tmp (its DHCP leases there too, unless {@code --dhcp-leases} says otherwise), its log in a file, stopped by its pid (SIGTERM, then SIGKILL) and its
 * directory removed on {@link #close()}. {@link #shared()} is one daemon for every side-by-side
 * case of a test JVM, stopped when that JVM exits.
 */
final class DaemonProcess implements AutoCloseable {

    static final Path DAEMON = Path.of("target/bin/cni-daemon").toAbsolutePath();
    private static DaemonProcess shared;

    private final Process process;
    private final Path dir;
    private final Path socket;
    private final Path log;

    private DaemonProcess(Process process, Path dir, Path socket, Path log) {
        this.process = process;
        this.dir = dir;
        this.socket = socket;
        this.log = log;
    }

    /** A daemon of its own with {@code options} ({@code --timeout 1s}, ...) and JVM options from {@code env}. */
    static DaemonProcess start(Map<String, String> env, String... options) {
        return start(List.of(), env, options);
    }

    /** As {@link #start}, the daemon running in network namespace {@code netns} (an {@code ip netns} name). */
    static DaemonProcess startIn(String netns, Map<String, String> env, String... options) {
        return start(List.of("ip", "netns", "exec", netns), env, options);
    }

    private static DaemonProcess start(List<String> wrapper, Map<String, String> env, String... options) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "jnltest-daemon-");
            Path socket = dir.resolve("run").resolve("cni.sock");
            Path log = dir.resolve("daemon.log");
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(List.of(DAEMON.toString(), "--socket", socket.toString(),
                    "--dhcp-leases", dir.resolve("dhcp").toString()));
            command.addAll(List.of(options));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            DaemonProcess daemon = new DaemonProcess(builder.start(), dir, socket, log);
            daemon.awaitSocket();
            return daemon;
        } catch (IOException e) {
            delete(dir);
            throw new AssertionError("cannot start " + DAEMON + ": " + e, e);
        }
    }

    /** One daemon with the defaults for the whole test JVM (stopped by its pid when the JVM exits). */
    static synchronized DaemonProcess shared() {
        if (shared == null || !shared.process.isAlive()) {
            DaemonProcess started = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            shared = started;
        }
        return shared;
    }

    /** A socket path where no daemon listens: a shim told this one runs the JVM executable. */
    static String absentSocket() {
        return "/tmp/jnltest-no-daemon/cni.sock";
    }

    private void awaitSocket() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String out = log();
                close();
                throw new AssertionError("cni-daemon did not listen on " + socket + ": " + out);
            }
            sleep(20);
        }
    }

    Path socket() {
        return socket;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** What the daemon logged so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** {@code cni-daemon stats} against this daemon: the JSON it prints. */
    Map<String, Object> stats() {
        Side.Call call = Side.exec(List.of(DAEMON.toString(), "stats", "--socket", socket.toString()), new byte[0]);
        if (call.exit() != 0) {
            throw new AssertionError("cni-daemon stats exited " + call.exit() + ": " + call.stdout());
        }
        return call.json();
    }

    /** The count of {@code event} ({@code timedOut}, {@code rolledBack}, ...) in {@link #stats()}. */
    long event(String event) {
        return ((Number) ((Map<?, ?>) stats().get("events")).get(event)).longValue();
    }

    /** SIGTERM; the exit code once it has exited. */
    int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("cni-daemon did not exit within " + within + " of SIGTERM: " + log());
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    static Map<String, Object> json(String text) {
        try {
            return JSON.std.mapFrom(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        if (dir != null) {
            try {
                Posix.deleteRecursively(dir);
            } catch (IOException ignored) {
                // a temporary directory under /tmp; nothing else depends on it
            }
        }
    }
}
