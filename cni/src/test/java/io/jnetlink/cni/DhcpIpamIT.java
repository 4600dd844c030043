package io.jnetlink.cni;

import io.jnetlink.ipam.Owner;
import io.jnetlink.ipam.dhcp.DhcpLease;
import io.jnetlink.testkit.DhcpServer;
import io.jnetlink.testkit.ReferenceDhcpDaemon;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code dhcp} IPAM type through the shims and the daemon, beside the reference {@code dhcp}
 * plugin and its daemon ({@code /usr/lib/cni/dhcp daemon}) on one ISC dhcpd: the reference
 * macvlan with the reference dhcp, and our macvlan shim with ours, ADD, CHECK and DEL on the same
 * config. Same address shape, gateway and routes, the same client identifier scheme and the host
 * name {@code provide}d from CNI_ARGS in the server's lease file, DNS from option 6 in ours only; our DEL's release shows in the server's
 * lease file. Then each daemon is killed and started again: ours keeps renewing, the reference's
 * lease runs out.
 */
@RequiresNetAdmin
class DhcpIpamIT {

    private static final Path OUR_MACVLAN = Path.of("target/bin/macvlan").toAbsolutePath();
    private static final DateTimeFormatter DHCPD_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    /** The sandbox LAN: host {@code parent0}, its peer {@code srv0} in a {@code dhcp} namespace with the server. */
    private static final class Lan implements AutoCloseable {
        final Sandbox box = Sandbox.create();
        final DhcpServer server;
        final ReferenceDhcpDaemon referenceDaemon;

        Lan(int leaseSeconds) {
            try {
                String serverNs = DhcpServer.lan(box, "parent0");
                box.namespace("ref");
                box.namespace("ours");
                server = box.closeLater(DhcpServer.start(serverNs, DhcpServer.SERVER_INTERFACE,
                        box.directory("dhcpd"), leaseSeconds, ""));
                referenceDaemon = box.closeLater(ReferenceDhcpDaemon.start(box.name(),
                        box.directory("refdhcp").resolve("dhcp.sock"), "-timeout", "5s"));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        String config() {
            return """
                    {"cniVersion":"1.0.0","name":"dhcpnet","type":"macvlan","master":"parent0",
                     "ipam":{"type":"dhcp","daemonSocketPath":"%s","request":[{"option":"121"}],
                             "provide":[{"option":"host-name","fromArg":"K8S_POD_NAME"}]}}
                    """.formatted(referenceDaemon.socket());
        }

        /** {@code command} for container {@code role}, by the reference macvlan (and its dhcp) or by our shim and {@code daemon}. */
        Side.Call call(String command, String role, DaemonProcess daemon, String stdin) {
            return call(command, "ctr-" + role, role, daemon, stdin);
        }

        /** As above, for container id {@code containerId} in the namespace of {@code role}. */
        Side.Call call(String command, String containerId, String role, DaemonProcess daemon, String stdin) {
            List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", box.name(), "env", "-i"));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("CNI_COMMAND", command);
            env.put("CNI_CONTAINERID", containerId);
            env.put("CNI_NETNS", "/run/netns/" + box.name() + "-" + role);
            env.put("CNI_IFNAME", "eth0");
            env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAME=pod-" + role);
            env.put("CNI_PATH", Side.CNI_PATH);
            if (daemon != null) {
                env.put("JNETLINK_CNI_SOCKET", daemon.socket().toString());
            }
            env.forEach((k, v) -> line.add(k + "=" + v));
            line.add(daemon == null ? Side.REFERENCE.toString() : OUR_MACVLAN.toString());
            return Side.exec(line, stdin.getBytes());
        }

        @Override
        public void close() {
            box.close();
        }
    }

    @Test
    void sameLeaseShapeAndClientIdAsTheReferenceOnOneServerAndOurReleaseReachesIt() throws Exception {
        try (Lan lan = new Lan(60); DaemonProcess daemon = DaemonProcess.start(Map.of())) {
            long t0 = System.nanoTime();
            Side.Call reference = lan.call("ADD", "ref", null, lan.config());
            long t1 = System.nanoTime();
            Side.Call ours = lan.call("ADD", "ours", daemon, lan.config());
            long t2 = System.nanoTime();
            assertThat(reference.exit()).as(reference.stdout()).isZero();
            assertThat(ours.exit()).as(ours.stdout() + "\n" + daemon.log()).isZero();
            System.out.printf("DhcpIpamIT ADD: reference %.0f ms, ours (shim + daemon) %.0f ms%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);

            Map<String, Object> ref = reference.json();
            Map<String, Object> mine = ours.json();
            Map<?, ?> refIp = (Map<?, ?>) ((List<?>) ref.get("ips")).getFirst();
            Map<?, ?> ourIp = (Map<?, ?>) ((List<?>) mine.get("ips")).getFirst();
            assertThat(((String) ourIp.get("address"))).endsWith("/24").startsWith("198.51.100.");
            assertThat(((String) refIp.get("address"))).endsWith("/24").startsWith("198.51.100.");
            assertThat(ourIp.get("gateway")).isEqualTo(refIp.get("gateway")).isEqualTo(DhcpServer.ROUTER);
            assertThat(mine.get("routes")).isEqualTo(ref.get("routes"));
            assertThat(mine.get("routes")).asString().contains("203.0.113.0/24", "0.0.0.0/0");
            assertThat(ref.get("dns")).as("the reference ignores option 6").isIn(null, Map.of());
            assertThat(mine.get("dns")).isEqualTo(Map.of("nameservers", List.of(DhcpServer.DNS),
                    "domain", DhcpServer.DOMAIN));

            String refAddress = ((String) refIp.get("address")).split("/")[0];
            String ourAddress = ((String) ourIp.get("address")).split("/")[0];
            assertThat(lan.server.lastLease(refAddress).uid())
                    .isEqualTo(DhcpServer.uid(DhcpLease.referenceClientId("dhcpnet", new Owner("ctr-ref", "eth0"))));
            assertThat(lan.server.lastLease(ourAddress).uid())
                    .isEqualTo(DhcpServer.uid(DhcpLease.referenceClientId("dhcpnet", new Owner("ctr-ours", "eth0"))));
            assertThat(lan.server.lastLease(refAddress).clientHostname()).as("provide host-name fromArg")
                    .isEqualTo("pod-ref");
            assertThat(lan.server.lastLease(ourAddress).clientHostname()).isEqualTo("pod-ours");

            assertThat(lan.call("CHECK", "ours", daemon, withPrevResult(lan.config(), ours)).exit()).isZero();
            assertThat(lan.call("CHECK", "ref", null, withPrevResult(lan.config(), reference)).exit()).isZero();

            assertThat(lan.call("DEL", "ours", daemon, lan.config()).exit()).isZero();
            assertThat(lan.call("DEL", "ref", null, lan.config()).exit()).isZero();
            awaitState(lan.server, ourAddress, "free");
        }
    }

    @Test
    void afterItsDaemonRestartsOurLeaseIsRenewedWhileTheReferencesRunsOut() throws Exception {
        Path leases = Files.createTempDirectory(Path.of("/tmp"), "jnltest-dhcp-leases-");
        try (Lan lan = new Lan(6)) {
            String ourAddress;
            try (DaemonProcess first = DaemonProcess.start(Map.of(), "--dhcp-leases", leases.toString())) {
                Side.Call ours = lan.call("ADD", "ours", first, lan.config());
                assertThat(ours.exit()).as(ours.stdout()).isZero();
                ourAddress = address(ours);
                Side.Call reference = lan.call("ADD", "ref", null, lan.config());
                assertThat(reference.exit()).as(reference.stdout()).isZero();
                String refAddress = address(reference);

                Instant killed = Instant.now();
                Runtime.getRuntime().exec(new String[]{"kill", "-KILL", String.valueOf(first.pid())}).waitFor();
                lan.referenceDaemon.kill();
                Thread.sleep(1000);
                try (DaemonProcess second = DaemonProcess.start(Map.of(), "--dhcp-leases", leases.toString())) {
                    lan.referenceDaemon.restart();
                    Thread.sleep(12_000); // two lease times after the kill
                    Instant now = Instant.now();
                    assertThat(ends(lan.server, ourAddress)).as("ours, renewed by the restarted daemon:\n"
                            + lan.server.leaseFile()).isAfter(now);
                    assertThat(ends(lan.server, refAddress)).as("the reference's, not renewed after its restart")
                            .isBefore(now);
                    assertThat(killed).isBefore(now.minusSeconds(6));
                    assertThat(lan.call("DEL", "ours", second, lan.config()).exit()).isZero();
                    lan.call("DEL", "ref", null, lan.config());
                }
            }
        } finally {
            io.jnetlink.core.posix.Posix.deleteRecursively(leases);
        }
    }

    /**
     * The server sees one client in both plugins: a container whose lease the reference got, then
     * released, gets the same address from ours (ISC dhcpd keys leases on the client identifier;
     * the interface's MAC differs).
     */
    @Test
    void aContainerMovingFromTheReferenceToOursKeepsItsAddress() throws Exception {
        try (Lan lan = new Lan(60); DaemonProcess daemon = DaemonProcess.start(Map.of())) {
            Side.Call reference = lan.call("ADD", "ctr-moving", "ref", null, lan.config());
            assertThat(reference.exit()).as(reference.stdout()).isZero();
            assertThat(lan.call("DEL", "ctr-moving", "ref", null, lan.config()).exit()).isZero();
            Side.Call ours = lan.call("ADD", "ctr-moving", "ours", daemon, lan.config());
            assertThat(ours.exit()).as(ours.stdout()).isZero();
            assertThat(address(ours)).isEqualTo(address(reference));
            assertThat(((Map<?, ?>) ((List<?>) ours.json().get("interfaces")).getFirst()).get("mac"))
                    .isNotEqualTo(((Map<?, ?>) ((List<?>) reference.json().get("interfaces")).getFirst()).get("mac"));
            assertThat(lan.call("DEL", "ctr-moving", "ours", daemon, lan.config()).exit()).isZero();
        }
    }

    private static String withPrevResult(String config, Side.Call add) {
        return config.strip().replaceFirst("}$", ",\"prevResult\":" + add.stdout().strip() + "}");
    }

    private static String address(Side.Call call) {
        Map<?, ?> ip = (Map<?, ?>) ((List<?>) call.json().get("ips")).getFirst();
        return ((String) ip.get("address")).split("/")[0];
    }

    private static Instant ends(DhcpServer server, String address) {
        return LocalDateTime.parse(server.lastLease(address).ends(), DHCPD_TIME).toInstant(ZoneOffset.UTC);
    }

    private static void awaitState(DhcpServer server, String address, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!state.equals(server.lastLease(address).bindingState())) {
            assertThat(System.nanoTime()).as("binding state " + state + " of " + address + ":\n" + server.leaseFile())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
