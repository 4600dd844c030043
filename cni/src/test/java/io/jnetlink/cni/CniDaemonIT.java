package io.jnetlink.cni;

import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.Prerequisites;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shim and the daemon as a node runs them ({@code target/bin/macvlan}, {@code target/bin/cni-daemon},
 * each a process of its own; callers under {@code ip netns exec} in a sandbox): its bounds, its
 * refusals, and that nothing is left half-made when a call times out, its caller leaves, the daemon
 * is stopped or killed. The side-by-side cases against the reference run through the daemon too
 * ({@link Side.Impl#DAEMON} in {@link MacvlanPluginIT} and the others).
 */
@RequiresNetAdmin
class CniDaemonIT {

    private static final Path SHIM = Path.of("target/bin/macvlan").toAbsolutePath();
    private static final String NET = "daemon";

    private Sandbox box;
    private Path dataDir;
    private Path scripts;

    /** What a shim printed on stdout and stderr, and its exit code. */
    record ShimCall(int exit, String stdout, String stderr) {
        Map<String, Object> json() {
            return DaemonProcess.json(stdout);
        }

        int code() {
            return ((Number) json().get("code")).intValue();
        }
    }

    @BeforeEach
    void sandbox() throws IOException {
        box = Sandbox.create();
        box.veth("eth0", "eth0p");
        dataDir = box.directory("ipam");
        scripts = box.directory("plugins");
        Files.setPosixFilePermissions(scripts, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void close() {
        box.close();
    }

    private String config(String ipamType) {
        return """
                {"cniVersion":"1.0.0","name":"%s","type":"macvlan","master":"eth0","mode":"bridge",
                 "ipam":{"type":"%s","subnet":"198.51.100.0/24","dataDir":"%s"}}""".formatted(NET, ipamType, dataDir);
    }

    /**
     * An IPAM plugin on CNI_PATH that is the reference host-local, {@code seconds} slow on ADD; it
     * marks when it starts and ends ({@code started-ADD}, {@code ended-ADD} in {@link #scripts}).
     */
    private String slowIpam(int seconds) throws IOException {
        Path script = scripts.resolve("jnltest-slow");
        Files.writeString(script, """
                #!/bin/sh
                touch %s/started-$CNI_COMMAND
                [ "$CNI_COMMAND" = ADD ] && sleep %d
                /usr/lib/cni/host-local
                rc=$?
                touch %s/ended-$CNI_COMMAND
                exit $rc
                """.formatted(scripts, seconds, scripts));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return "jnltest-slow";
    }

    private Process startShim(Path socket, String command, String containerId, String container, String config)
            throws IOException {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", box.name(), "env", "-i",
                "CNI_COMMAND=" + command, "CNI_CONTAINERID=" + containerId, "CNI_NETNS=/run/netns/" + container,
                "CNI_IFNAME=eth0", "CNI_PATH=" + scripts + ":/usr/lib/cni", "JNETLINK_CNI_SOCKET=" + socket,
                SHIM.toString()));
        Process p = new ProcessBuilder(line).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(config.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static ShimCall finish(Process p) {
        try {
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("shim did not exit");
            }
            return new ShimCall(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private ShimCall shim(Path socket, String command, String containerId, String container, String config)
            throws IOException {
        return finish(startShim(socket, command, containerId, container, config));
    }

    /** host-local's lease files of the network (not its lock or last_reserved_ip). */
    private Set<String> leases() throws IOException {
        Path dir = dataDir.resolve(NET);
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new HashSet<>(files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals("lock") && !n.startsWith("last_reserved_ip")).toList());
        }
    }

    private static boolean hasInterface(String container) {
        return Command.run("ip", "-n", container, "link", "show", "eth0").exitCode() == 0;
    }

    private static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            DaemonProcess.sleep(100);
        }
    }

    @Test
    void theSocketIs0600InA0700DirectoryAndStatsCountWhatWasServed() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(Map.of())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket().getParent())))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket())))
                    .isEqualTo("rw-------");
            NetNsRef c = new NetNsRef(box, "c");
            ShimCall add = shim(daemon.socket(), "ADD", "ctr1", c.name(), config("host-local"));
            assertThat(add.exit()).as(add.toString()).isZero();
            assertThat(add.json()).containsKey("ips");
            assertThat(add.stderr()).as("the shim says nothing when the daemon serves").isEmpty();
            ShimCall del = shim(daemon.socket(), "DEL", "ctr1", c.name(), config("host-local"));
            assertThat(del.exit()).as(del.toString()).isZero();
            Map<String, Object> stats = daemon.stats();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> calls = (List<Map<String, Object>>) stats.get("calls");
            assertThat(calls).extracting(m -> m.get("plugin") + " " + m.get("command") + " " + m.get("calls"))
                    .contains("macvlan ADD 1", "macvlan DEL 1");
            assertThat(calls.getFirst()).containsKeys("p50Ms", "p90Ms", "p99Ms", "maxMs", "failed");
            assertThat(daemon.log()).contains("macvlan ADD container ctr1 eth0 in /run/netns/" + c.name()
                    + ": served by the daemon for pid");
        }
    }

    @Test
    void aDaemonInItsCallersNamespaceServesAddCheckDelThere() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.startIn(box.name(), Map.of())) { // as on a node: beside kubelet
            NetNsRef c = new NetNsRef(box, "c");
            String config = config("host-local");
            ShimCall add = shim(daemon.socket(), "ADD", "ctr1", c.name(), config);
            assertThat(add.exit()).as(add.toString()).isZero();
            assertThat(hasInterface(c.name())).isTrue();
            String withPrev = config.substring(0, config.lastIndexOf('}')) + ",\"prevResult\":" + add.stdout() + "}";
            ShimCall check = shim(daemon.socket(), "CHECK", "ctr1", c.name(), withPrev);
            assertThat(check.exit()).as(check.toString()).isZero();
            assertThat(shim(daemon.socket(), "DEL", "ctr1", c.name(), config).exit()).isZero();
            assertThat(hasInterface(c.name())).isFalse();
            assertThat(leases()).isEmpty();
        }
    }

    @Test
    void startedBySystemdsSocketActivationItServesThePassedSocket() throws Exception {
        requireTool("/usr/bin/systemd-socket-activate", "install systemd");
        Path dir = box.directory("activation");
        Path socket = dir.resolve("cni.sock");
        Path log = dir.resolve("activation.log");
        // as a .socket unit does: systemd listens, and execs the daemon with the socket on the first call
        Process activator = new ProcessBuilder("systemd-socket-activate", "-l", socket.toString(),
                DaemonProcess.DAEMON.toString(), "--dhcp-leases", dir.resolve("dhcp").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await("systemd-socket-activate listening", Duration.ofSeconds(30), () -> Files.exists(socket));
            NetNsRef c = new NetNsRef(box, "c");
            ShimCall add = shim(socket, "ADD", "ctr1", c.name(), config("host-local"));
            assertThat(add.exit()).as(add.toString()).isZero();
            assertThat(add.stderr()).as("served, not fallen back").isEmpty();
            assertThat(shim(socket, "DEL", "ctr1", c.name(), config("host-local")).exit()).isZero();
            assertThat(Files.readString(log)).contains("on the socket systemd passed")
                    .contains("macvlan ADD container ctr1 eth0 in /run/netns/" + c.name() + ": served by the daemon");
        } finally {
            activator.destroy(); // the daemon itself by now (exec'd in its place): SIGTERM
            if (!activator.waitFor(60, TimeUnit.SECONDS)) {
                activator.destroyForcibly().waitFor();
            }
        }
        assertThat(socket).as("an inherited socket is systemd's: left in place").exists();
    }

    @Test
    void withNoDaemonTheShimRunsTheJvmExecutableAndSaysSo() throws Exception {
        NetNsRef c = new NetNsRef(box, "c");
        Path absent = Path.of(DaemonProcess.absentSocket());
        ShimCall add = shim(absent, "ADD", "ctr1", c.name(), config("host-local"));
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.stderr()).contains("no CNI daemon at " + absent + " (No such file or directory); running the"
                + " JVM executable " + Path.of("target/jvm/macvlan").toAbsolutePath());
        assertThat(hasInterface(c.name())).isTrue();
        assertThat(shim(absent, "DEL", "ctr1", c.name(), config("host-local")).exit()).isZero();
        assertThat(hasInterface(c.name())).isFalse();
    }

    @Test
    void aCallerNeitherRootNorTheDaemonsUserIsRefused() throws Exception {
        requireTool("/usr/bin/setpriv", "install util-linux");
        try (DaemonProcess daemon = DaemonProcess.start(Map.of())) {
            // let uid 65534 reach the socket, so that the daemon's own check (SO_PEERCRED) is what refuses it
            Files.setPosixFilePermissions(daemon.socket().getParent().getParent(),
                    PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(daemon.socket().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(daemon.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
            Path shim = Files.copy(SHIM, scripts.resolve("macvlan"));
            Side.Call refused = Side.exec(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "env", "-i", "CNI_COMMAND=VERSION", "JNETLINK_CNI_SOCKET=" + daemon.socket(), shim.toString()),
                    new byte[0]);
            assertThat(refused.exit()).as(refused.stdout()).isEqualTo(1);
            assertThat(refused.json()).containsEntry("code", 4).containsEntry("msg",
                    "the jnetlink CNI daemon serves root and uid 0 only; the caller is uid 65534");
            assertThat(daemon.event("refused")).isEqualTo(1);
            assertThat(daemon.log()).contains("refused pid");
        }
    }

    @Test
    void oversizedAndMalformedRequestsAreAnsweredAndTheDaemonServesOn() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(Map.of(), "--max-request", "4096")) {
            NetNsRef c = new NetNsRef(box, "c");
            String big = config("host-local").replace("\"mode\":\"bridge\"", "\"mode\":\"bridge\",\"pad\":\""
                    + "x".repeat(8000) + "\"");
            ShimCall tooLarge = shim(daemon.socket(), "ADD", "ctr1", c.name(), big);
            assertThat(tooLarge.exit()).isEqualTo(1);
            assertThat(tooLarge.json()).containsEntry("code", 7); // unread, so in the current version
            assertThat((String) tooLarge.json().get("msg")).contains("larger than the daemon's limit of 4096 bytes");
            assertThat(hasInterface(c.name())).isFalse();

            Raw garbage = Raw.exchange(daemon.socket(), "HELLO WORLD!".getBytes(StandardCharsets.US_ASCII));
            assertThat(garbage.exit()).isEqualTo(1);
            assertThat(DaemonProcess.json(garbage.stdout())).containsEntry("code", 6);
            assertThat((String) DaemonProcess.json(garbage.stdout()).get("msg")).contains("no \"JNLC\" at its start");
            assertThat(garbage.closedAfter()).as("the connection is closed after the error").isTrue();

            byte[] lengthsPastTheBody = Raw.frame(1, new byte[] {0, 50, 'm'}); // a 50-byte name in a 3-byte body
            assertThat(DaemonProcess.json(Raw.exchange(daemon.socket(), lengthsPastTheBody).stdout()))
                    .containsEntry("code", 6);
            Raw.sendAndHangUp(daemon.socket(), Raw.header(1, 100), new byte[10]); // promises 100 bytes, sends 10

            ShimCall after = shim(daemon.socket(), "VERSION", "", c.name(), "");
            assertThat(after.exit()).as("still serving: " + after).isZero();
            assertThat(daemon.event("tooLarge")).isEqualTo(1);
            await("three malformed requests counted", Duration.ofSeconds(20), () -> daemon.event("malformed") == 3);
        }
    }

    @Test
    void aPluginTheDaemonDoesNotServeRunsItsJvmExecutableWithTheSameStdin() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(Map.of())) {
            Path jvm = box.directory("jvm");
            Path fallback = jvm.resolve("jnltest-nosuch");
            Files.writeString(fallback, "#!/bin/sh\necho \"fallback ran $CNI_COMMAND\"\ncat\n");
            Files.setPosixFilePermissions(fallback, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path bin = box.directory("bin");
            Command.check("sh", Path.of("src/main/c/build-shims").toAbsolutePath().toString(), bin.toString(),
                    jvm.toString(), "jnltest-nosuch");
            Side.Call call = Side.exec(List.of("env", "-i", "CNI_COMMAND=ADD", "JNETLINK_CNI_SOCKET=" + daemon.socket(),
                    bin.resolve("jnltest-nosuch").toString()), "{\"the\":\"config\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(call.exit()).isZero();
            assertThat(call.stdout()).isEqualTo("fallback ran ADD\n{\"the\":\"config\"}");
            assertThat(daemon.event("notServed")).isEqualTo(1);
        }
    }

    @Test
    void aDaemonThatDiesMidAnswerGivesCode11AndNoPartialJson() throws Exception {
        Path dir = box.directory("fake");
        Path socket = dir.resolve("cni.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (SocketChannel client = fake.accept()) {
                    client.read(ByteBuffer.allocate(65536)); // the request
                    ByteBuffer half = ByteBuffer.allocate(64);
                    half.put("JNLC".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1).putShort((short) 0)
                            .putInt(0).putInt(200).put("{\"cniVersion\":\"1.0.".getBytes(StandardCharsets.US_ASCII));
                    client.write(half.flip()); // 200 bytes of stdout promised, 18 sent, then gone
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            NetNsRef c = new NetNsRef(box, "c");
            ShimCall call = shim(socket, "ADD", "ctr1", c.name(), config("host-local"));
            server.join();
            assertThat(call.exit()).isEqualTo(1);
            assertThat(call.json()).containsEntry("code", 11).containsEntry("cniVersion", "1.0.0");
            assertThat((String) call.json().get("msg")).contains("ended the connection in the middle of its answer");
        }
    }

    @Test
    void fiftyConcurrentAddsIntoFiftyContainersThenDelsLeaveNothing() throws Exception {
        int n = 50;
        try (DaemonProcess daemon = DaemonProcess.start(Map.of())) {
            List<NetNsRef> containers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                containers.add(new NetNsRef(box, "c" + i));
            }
            List<Process> adds = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                adds.add(startShim(daemon.socket(), "ADD", "ctr" + i, containers.get(i).name(), config("host-local")));
            }
            Set<String> addresses = new HashSet<>();
            for (Process p : adds) {
                ShimCall add = finish(p);
                assertThat(add.exit()).as(add.toString()).isZero();
                addresses.add(String.valueOf(((Map<?, ?>) ((List<?>) add.json().get("ips")).getFirst()).get("address")));
            }
            assertThat(addresses).as("one address each").hasSize(n);
            assertThat(leases()).hasSize(n);
            List<Process> dels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                dels.add(startShim(daemon.socket(), "DEL", "ctr" + i, containers.get(i).name(), config("host-local")));
            }
            for (Process p : dels) {
                ShimCall del = finish(p);
                assertThat(del.exit()).as(del.toString()).isZero();
            }
            assertThat(leases()).as("no lease left").isEmpty();
            for (NetNsRef c : containers) {
                assertThat(hasInterface(c.name())).as(c.name()).isFalse();
            }
        }
    }

    @Test
    void aCallOverTheTimeoutIsAnsweredTryAgainLaterAndWhatItMadeIsUndone() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(Map.of(), "--timeout", "1s")) {
            NetNsRef c = new NetNsRef(box, "c");
            ShimCall add = shim(daemon.socket(), "ADD", "ctr1", c.name(), config(slowIpam(3)));
            assertThat(add.exit()).isEqualTo(1);
            assertThat(add.json()).containsEntry("code", 11);
            assertThat((String) add.json().get("msg")).contains("took longer than the daemon's limit of 1000 ms");
            await("the late ADD undone", Duration.ofSeconds(30), () -> daemon.event("rolledBack") == 1);
            assertThat(Files.exists(scripts.resolve("ended-ADD"))).as("the ADD did run to its end").isTrue();
            assertThat(leases()).isEmpty();
            assertThat(hasInterface(c.name())).isFalse();
            assertThat(daemon.event("timedOut")).isEqualTo(1);
        }
    }

    @Test
    void aCallerThatLeavesMidAddLeavesNothing() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(Map.of())) {
            NetNsRef c = new NetNsRef(box, "c");
            Process add = startShim(daemon.socket(), "ADD", "ctr1", c.name(), config(slowIpam(2)));
            awaitIpamStarted();
            add.destroyForcibly().waitFor(); // SIGKILL to the shim: ip netns exec and env exec it
            await("the unanswered ADD undone", Duration.ofSeconds(30), () -> daemon.event("rolledBack") == 1);
            assertThat(daemon.event("undelivered")).isEqualTo(1);
            assertThat(leases()).isEmpty();
            assertThat(hasInterface(c.name())).isFalse();
        }
    }

    @Test
    void sigtermLetsCallsInFlightFinishThenExits() throws Exception {
        DaemonProcess daemon = DaemonProcess.start(Map.of());
        try (daemon) {
            NetNsRef c = new NetNsRef(box, "c");
            Process add = startShim(daemon.socket(), "ADD", "ctr1", c.name(), config(slowIpam(2)));
            awaitIpamStarted();
            assertThat(daemon.stats()).as("stats while the ADD runs").containsEntry("inFlight", 1);
            int exit = daemon.terminate(Duration.ofSeconds(60));
            ShimCall answered = finish(add);
            assertThat(answered.exit()).as(answered.toString()).isZero();
            assertThat(answered.json()).containsKey("ips");
            assertThat(hasInterface(c.name())).isTrue();
            assertThat(exit).as("exit on SIGTERM").isIn(0, 143);
            assertThat(Files.exists(daemon.socket())).as("the socket is removed").isFalse();
            ShimCall after = shim(daemon.socket(), "DEL", "ctr1", c.name(), config(slowIpam(2)));
            assertThat(after.exit()).as("the executable serves once the daemon is gone: " + after).isZero();
            assertThat(after.stderr()).contains("running the JVM executable");
            assertThat(leases()).isEmpty();
        }
    }

    @Test
    void aDaemonKilledMidAddLeavesNothingTheNextDelDoesNotRemove() throws Exception {
        NetNsRef c = new NetNsRef(box, "c");
        String config = config(slowIpam(2));
        try (DaemonProcess daemon = DaemonProcess.start(Map.of())) {
            Process add = startShim(daemon.socket(), "ADD", "ctr1", c.name(), config);
            awaitIpamStarted();
            daemon.kill();
            ShimCall crashed = finish(add);
            assertThat(crashed.exit()).isEqualTo(1);
            assertThat(crashed.json()).containsEntry("code", 11);
            assertThat((String) crashed.json().get("msg")).contains("ended the connection without an answer");
        }
        // the IPAM plugin the killed daemon had started runs on and takes its lease
        await("the orphaned IPAM ADD ended", Duration.ofSeconds(30), () -> Files.exists(scripts.resolve("ended-ADD")));
        try (DaemonProcess next = DaemonProcess.start(Map.of())) {
            ShimCall del = shim(next.socket(), "DEL", "ctr1", c.name(), config);
            assertThat(del.exit()).as(del.toString()).isZero();
            assertThat(leases()).isEmpty();
            assertThat(hasInterface(c.name())).isFalse();
        }
    }

    /** Skips (fails under CI) without {@code tool}. */
    private static void requireTool(String tool, String ciMust) {
        if (!Files.isExecutable(Path.of(tool))) {
            Prerequisites.skipOrFail(ciMust, tool + " is not installed");
        }
    }

    /** Until the slow IPAM plugin has been started: the ADD is half way. */
    private void awaitIpamStarted() {
        await("the ADD's IPAM plugin started", Duration.ofSeconds(30), () -> Files.exists(scripts.resolve("started-ADD")));
    }

    /** A container namespace of the sandbox, by its name. */
    private record NetNsRef(String name) {
        NetNsRef(Sandbox box, String role) {
            this(create(box, role));
        }

        private static String create(Sandbox box, String role) {
            box.namespace(role);
            return box.name() + "-" + role;
        }
    }

    /** Requests as bytes, written here from the format's description (not with the daemon's own code). */
    private record Raw(int exit, String stdout, boolean closedAfter) {

        static byte[] header(int kind, int bodyLength) {
            return ByteBuffer.allocate(12).put("JNLC".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
                    .put((byte) kind).putShort((short) 0).putInt(bodyLength).array();
        }

        static byte[] frame(int kind, byte[] body) {
            return ByteBuffer.allocate(12 + body.length).put(header(kind, body.length)).put(body).array();
        }

        static Raw exchange(Path socket, byte[] request) throws IOException {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                channel.write(ByteBuffer.wrap(request));
                java.io.DataInputStream in = new java.io.DataInputStream(Channels.newInputStream(channel));
                byte[] head = new byte[8];
                in.readFully(head);
                assertThat(new String(head, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("JNLC");
                int exit = in.readInt();
                byte[] out = new byte[in.readInt()];
                in.readFully(out);
                byte[] err = new byte[in.readInt()];
                in.readFully(err);
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                in.transferTo(rest);
                return new Raw(exit, new String(out, StandardCharsets.UTF_8), rest.size() == 0);
            }
        }

        static void sendAndHangUp(Path socket, byte[] header, byte[] part) throws IOException {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                channel.write(ByteBuffer.wrap(header));
                channel.write(ByteBuffer.wrap(part));
            }
        }
    }
}
