package io.jnetlink.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway ISC DHCP server ({@code /usr/sbin/dhcpd} of Debian's {@code isc-dhcp-server}) for
 * tests: run in the foreground inside a sandbox's namespace on one interface, its configuration,
 * lease file and log in a directory of the caller's, started and stopped by its pid. It serves
 * {@code 198.51.100.0/24} from {@link #SERVER} with leases of a few seconds. Without dhcpd the test
 * is skipped with the reason, except under CI, where it fails.
 */
public final class DhcpServer implements AutoCloseable {

    public static final Path DHCPD = Path.of("/usr/sbin/dhcpd");
    /** The server's address on its interface (give it {@code 198.51.100.1/24}). */
    public static final String SERVER = "198.51.100.1";
    public static final String ROUTER = "198.51.100.1";
    public static final String DNS = "198.51.100.53";
    public static final String DOMAIN = "example.org";
    /** The option 121 routes the server hands out: 203.0.113.0/24 and the default route, both via the router. */
    public static final List<String> CLASSLESS_ROUTES = List.of("203.0.113.0/24 via " + ROUTER, "0.0.0.0/0 via " + ROUTER);

    private final String netns;
    private final String ifName;
    private final Path dir;
    private final int leaseSeconds;
    private final String extraConfig;
    private Process process;

    private DhcpServer(String netns, String ifName, Path dir, int leaseSeconds, String extraConfig) {
        this.netns = netns;
        this.ifName = ifName;
        this.dir = dir;
        this.leaseSeconds = leaseSeconds;
        this.extraConfig = extraConfig;
    }

    /** The interface the server listens on, in the namespace {@link #lan} makes. */
    public static final String SERVER_INTERFACE = "srv0";

    /**
     * A LAN for a DHCP server: a veth whose end {@code parent} (up) is in {@code box}'s namespace,
     * a macvlan parent for the containers, and whose peer {@value #SERVER_INTERFACE} (up, with
     * {@value #SERVER}/24) is in a new namespace {@code <box>-dhcp}, removed with the sandbox.
     * Returns that namespace's name, for {@link #start}.
     */
    public static String lan(Sandbox box, String parent) {
        box.namespace("dhcp");
        String serverNs = box.name() + "-dhcp";
        Command.check("ip", "-n", box.name(), "link", "add", parent, "type", "veth", "peer", "name",
                SERVER_INTERFACE, "netns", serverNs);
        Command.check("ip", "-n", box.name(), "link", "set", parent, "up");
        Command.check("ip", "-n", serverNs, "address", "add", SERVER + "/24", "dev", SERVER_INTERFACE);
        Command.check("ip", "-n", serverNs, "link", "set", SERVER_INTERFACE, "up");
        return serverNs;
    }

    /**
     * Starts dhcpd in network namespace {@code netns} (its {@code ip netns} name) on {@code ifName},
     * which has {@value #SERVER}/24, handing out 198.51.100.100-199 for {@code leaseSeconds};
     * {@code extraConfig} goes into the subnet's block (e.g. {@code host} reservations or {@code deny}).
     */
    public static DhcpServer start(String netns, String ifName, Path dir, int leaseSeconds, String extraConfig) {
        if (!Files.isExecutable(DHCPD)) {
            Prerequisites.skipOrFail("install isc-dhcp-server", DHCPD + " is not installed (Debian: isc-dhcp-server)");
        }
        DhcpServer server = new DhcpServer(netns, ifName, dir, leaseSeconds, extraConfig);
        server.launch();
        return server;
    }

    /** Starts dhcpd again on its lease file (after {@link #stop()}). */
    public void restart() {
        launch();
    }

    /** The lease file's text as dhcpd wrote it. */
    public String leaseFile() {
        try {
            return Files.readString(dir.resolve("dhcpd.leases"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException("dhcpd lease file: " + e, e);
        }
    }

    /** One lease block of the lease file: the address and its statements. */
    public record LeaseBlock(String address, String bindingState, String uid, String hardware, String starts,
                             String ends, String clientHostname) {
    }

    /** Every lease block of the lease file, in the order written (later blocks supersede earlier ones). */
    public List<LeaseBlock> leases() {
        List<LeaseBlock> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("lease ([0-9.]+) \\{(.*?)\\n}", Pattern.DOTALL).matcher(leaseFile());
        while (m.find()) {
            String body = m.group(2);
            blocks.add(new LeaseBlock(m.group(1), statement(body, "\\n\\s*binding state (\\w+);"),
                    statement(body, "uid (\"(?:[^\"\\\\]|\\\\.)*\");"), statement(body, "hardware ethernet ([0-9a-f:]+);"),
                    statement(body, "starts \\d ([^;]+);"), statement(body, "ends \\d ([^;]+);"),
                    statement(body, "client-hostname \"([^\"]*)\";")));
        }
        return blocks;
    }

    /** The last block written for {@code address}, or null. */
    public LeaseBlock lastLease(String address) {
        LeaseBlock last = null;
        for (LeaseBlock b : leases()) {
            if (b.address().equals(address)) {
                last = b;
            }
        }
        return last;
    }

    /** dhcpd's log so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("dhcpd.log"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops dhcpd (SIGTERM to its pid, SIGKILL after 5 s). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** dhcpd's quoted uid for a client identifier, as its lease file writes it ({@code \ooo} for other bytes). */
    public static String uid(byte[] clientId) {
        StringBuilder s = new StringBuilder("\"");
        for (byte b : clientId) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format("\\%03o", c));
            }
        }
        return s.append('"').toString();
    }

    private void launch() {
        try {
            Files.writeString(dir.resolve("dhcpd.conf"), config());
            if (!Files.exists(dir.resolve("dhcpd.leases"))) {
                Files.createFile(dir.resolve("dhcpd.leases"));
            }
            process = new ProcessBuilder("ip", "netns", "exec", netns, DHCPD.toString(), "-4", "-f", "-d",
                    "-cf", dir.resolve("dhcpd.conf").toString(), "-lf", dir.resolve("dhcpd.leases").toString(),
                    "-pf", dir.resolve("dhcpd.pid").toString(), ifName)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dhcpd.log").toFile()))
                    .start(); // ip netns exec execs dhcpd: the pid stays dhcpd's
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!log().contains("Sending on") || !log().contains("Server starting service")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    stop();
                    throw new IllegalStateException("dhcpd did not start in " + netns + " on " + ifName + ":\n" + log());
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new IllegalStateException("starting dhcpd: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting dhcpd", e);
        }
    }

    private String config() {
        return """
                authoritative;
                ping-check false;
                default-lease-time %1$d;
                max-lease-time %1$d;
                min-lease-time %1$d;
                option rfc3442-classless-static-routes code 121 = array of integer 8;
                subnet 198.51.100.0 netmask 255.255.255.0 {
                  range 198.51.100.100 198.51.100.199;
                  option routers %2$s;
                  option domain-name-servers %3$s;
                  option domain-name "%4$s";
                  option rfc3442-classless-static-routes 24, 203, 0, 113, 198, 51, 100, 1, 0, 198, 51, 100, 1;
                  %5$s
                }
                """.formatted(leaseSeconds, ROUTER, DNS, DOMAIN, extraConfig);
    }

    private static String statement(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
