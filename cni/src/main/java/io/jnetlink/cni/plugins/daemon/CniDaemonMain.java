package io.jnetlink.cni.plugins.daemon;

import io.jnetlink.core.posix.UnixListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code target/bin/cni-daemon}: runs a {@link CniDaemon} in the foreground until SIGTERM (or
 * SIGINT), which stops accepting, lets calls in flight finish and exits. Options:
 * {@code --socket PATH} (default {@code $JNETLINK_CNI_SOCKET}, else {@code /run/jnetlink/cni.sock}),
 * {@code --concurrency N}, {@code --timeout 60s}, {@code --max-request BYTES}, {@code --dhcp-leases DIR}
 * (default {@code $JNETLINK_DHCP_LEASES}, else {@code /var/lib/cni/jnetlink-dhcp}: the {@code dhcp}
 * IPAM type's leases, renewed while the daemon runs). Started by systemd
 * with a listening socket ({@code LISTEN_FDS=1} for this pid), it serves that socket.
 * {@code cni-daemon stats [--socket PATH]} prints a running daemon's statistics as JSON.
 */
public final class CniDaemonMain {

    /** systemd's first passed descriptor ({@code SD_LISTEN_FDS_START}). */
    private static final int LISTEN_FDS_START = 3;

    private CniDaemonMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL cni-daemon %4$s: %5$s%6$s%n");
        Map<String, String> env = System.getenv();
        boolean stats = args.length > 0 && args[0].equals("stats");
        DaemonSettings settings;
        try {
            settings = parse(stats ? java.util.Arrays.copyOfRange(args, 1, args.length) : args,
                    DaemonSettings.defaults(env));
        } catch (IllegalArgumentException e) {
            System.err.println("cni-daemon: " + e.getMessage());
            System.err.println("usage: cni-daemon [--socket PATH] [--concurrency N] [--timeout 60s] [--max-request BYTES]"
                    + " [--dhcp-leases DIR]\n       cni-daemon stats [--socket PATH]");
            System.exit(2);
            return;
        }
        if (stats) {
            Frames.Reply reply = DaemonClient.stats(settings.socket());
            System.out.println(new String(reply.answer().stdout(), StandardCharsets.UTF_8));
            System.exit(reply.answer().exitCode());
            return;
        }
        CniDaemon daemon = activated(env) ? CniDaemon.start(settings, UnixListener.inherited(LISTEN_FDS_START))
                : CniDaemon.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                daemon.close();
            } catch (IOException e) {
                System.err.println("cni-daemon: closing: " + e.getMessage());
            }
        }, "jnetlink-cni-shutdown"));
        System.getLogger("io.jnetlink.cni.daemon").log(System.Logger.Level.INFO, "serving "
                + daemon.plugins() + " on " + (daemon.socket() != null ? daemon.socket() : "the socket systemd passed")
                + ", " + settings.concurrency() + " calls at once, " + settings.timeout().toMillis() + " ms each at most");
        daemon.awaitClose();
    }

    /** Whether systemd passed this process one listening socket. */
    private static boolean activated(Map<String, String> env) {
        return String.valueOf(ProcessHandle.current().pid()).equals(env.get("LISTEN_PID"))
                && "1".equals(env.get("LISTEN_FDS"));
    }

    static DaemonSettings parse(String[] args, DaemonSettings settings) {
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + ": needs a value");
            }
            String value = args[++i];
            settings = switch (option) {
                case "--socket" -> settings.withSocket(Path.of(value));
                case "--concurrency" -> settings.withConcurrency(number(option, value));
                case "--timeout" -> settings.withTimeout(duration(option, value));
                case "--max-request" -> settings.withMaxRequestBytes(number(option, value));
                case "--dhcp-leases" -> settings.withDhcpLeases(Path.of(value).toAbsolutePath());
                default -> throw new IllegalArgumentException("unknown option " + option);
            };
        }
        return settings;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: " + value);
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, or seconds. */
    static Duration duration(String option, String value) {
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a duration (500ms, 30s, 2m): " + value);
        }
    }
}
