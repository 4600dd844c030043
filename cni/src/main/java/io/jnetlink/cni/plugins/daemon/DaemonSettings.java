package io.jnetlink.cni.plugins.daemon;

import io.jnetlink.ipam.dhcp.DhcpRenewer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a {@link CniDaemon} serves: its socket, how many calls run at once (more wait their turn),
 * how long a call may take before its caller gets code 11, and the largest request it reads.
 *
 * @param socket          the unix socket's path; its directory is made 0700, the socket 0600
 * @param concurrency     calls running at once
 * @param timeout         a call's limit, waiting for its turn included
 * @param maxRequestBytes the largest request body read; a larger one is answered with an error unread
 * @param dhcpLeases      the directory of the {@code dhcp} IPAM type's lease files, renewed by the daemon
 */
public record DaemonSettings(Path socket, int concurrency, Duration timeout, int maxRequestBytes, Path dhcpLeases) {

    /** The variable naming the socket, read by the daemon and by the shim alike. */
    public static final String SOCKET_VARIABLE = "JNETLINK_CNI_SOCKET";
    /** The socket when {@link #SOCKET_VARIABLE} is not set. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/jnetlink/cni.sock");
    /** The variable naming the DHCP lease directory. */
    public static final String DHCP_LEASES_VARIABLE = "JNETLINK_DHCP_LEASES";
    /** The shim reads at most this much stdin; the daemon's limit cannot be higher. */
    public static final int MAX_REQUEST_LIMIT = 64 << 20;

    public DaemonSettings {
        if (!socket.isAbsolute()) {
            throw new IllegalArgumentException("socket: must be an absolute path, got " + socket);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: must be at least 1, got " + concurrency);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
        }
        if (!dhcpLeases.isAbsolute()) {
            throw new IllegalArgumentException("dhcp leases: must be an absolute path, got " + dhcpLeases);
        }
        if (maxRequestBytes < 4096 || maxRequestBytes > MAX_REQUEST_LIMIT) {
            throw new IllegalArgumentException("max request: must be 4096 to " + MAX_REQUEST_LIMIT + " bytes, got "
                    + maxRequestBytes);
        }
    }

    /**
     * The defaults: the socket from {@code env}'s {@value #SOCKET_VARIABLE} or {@link #DEFAULT_SOCKET},
     * twice the processors at once (calls mostly wait for the kernel), 60 s, 4 MiB, DHCP leases in
     * {@value #DHCP_LEASES_VARIABLE} or {@link DhcpRenewer#DEFAULT_DIRECTORY}.
     */
    public static DaemonSettings defaults(Map<String, String> env) {
        String socket = env.get(SOCKET_VARIABLE);
        String leases = env.get(DHCP_LEASES_VARIABLE);
        return new DaemonSettings(socket == null || socket.isEmpty() ? DEFAULT_SOCKET : Path.of(socket),
                Math.max(2, 2 * Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(60), 4 << 20,
                leases == null || leases.isEmpty() ? DhcpRenewer.DEFAULT_DIRECTORY : Path.of(leases));
    }

    public DaemonSettings withSocket(Path path) {
        return new DaemonSettings(path, concurrency, timeout, maxRequestBytes, dhcpLeases);
    }

    public DaemonSettings withConcurrency(int calls) {
        return new DaemonSettings(socket, calls, timeout, maxRequestBytes, dhcpLeases);
    }

    public DaemonSettings withTimeout(Duration limit) {
        return new DaemonSettings(socket, concurrency, limit, maxRequestBytes, dhcpLeases);
    }

    public DaemonSettings withMaxRequestBytes(int bytes) {
        return new DaemonSettings(socket, concurrency, timeout, bytes, dhcpLeases);
    }

    public DaemonSettings withDhcpLeases(Path directory) {
        return new DaemonSettings(socket, concurrency, timeout, maxRequestBytes, directory);
    }
}
