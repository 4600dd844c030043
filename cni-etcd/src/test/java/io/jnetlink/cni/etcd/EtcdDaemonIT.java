package io.jnetlink.cni.etcd;

import io.jnetlink.core.posix.Posix;
import io.jnetlink.testkit.EtcdCluster;
import io.jnetlink.testkit.RequiresNetAdmin;
import io.jnetlink.testkit.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code target/bin/cni-daemon} (the CNI daemon with the etcd IPAM on its class path) serving the shim
 * {@code target/bin/etcd}: the call runs in the caller's namespace (etcd answers on that sandbox's
 * 127.0.0.1 only), gives what the JVM executable gives, and DEL releases the lease in etcd.
 */
@RequiresNetAdmin
class EtcdDaemonIT {

    private static final Path BIN = Path.of("target/bin").toAbsolutePath();

    private static String config(EtcdCluster etcd) {
        return """
                {"cniVersion":"1.0.0","name":"fleet","ipam":{"type":"etcd","subnet":"192.0.2.0/24",
                 "etcd":{"endpoints":["%s"],"keyPrefix":"/jnltest","hostId":"host-a","timeoutMillis":5000}}}"""
                .formatted(etcd.endpoints().getFirst());
    }

    private record Call(int exit, String stdout, String stderr) {
    }

    private static Call shim(Sandbox box, Path socket, String command, String containerId, String config)
            throws Exception {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", box.name(), "env", "-i",
                "CNI_COMMAND=" + command, "CNI_CONTAINERID=" + containerId, "CNI_NETNS=/run/netns/" + box.name(),
                "CNI_IFNAME=eth0", "CNI_PATH=/usr/lib/cni", "JNETLINK_CNI_SOCKET=" + socket, BIN.resolve("etcd").toString()));
        Process p = new ProcessBuilder(line).start();
        try (var in = p.getOutputStream()) {
            in.write(config.getBytes(StandardCharsets.UTF_8));
        }
        var err = p.getErrorStream();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Call(p.exitValue(), out, new String(err.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theDaemonServesTheEtcdShimInTheCallersNamespaceAsTheJvmExecutableDoes() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jnltest-etcd-daemon-");
        Path socket = dir.resolve("run").resolve("cni.sock");
        Process daemon = null;
        try (Sandbox box = Sandbox.create(); EtcdCluster etcd = EtcdCluster.startIn(box.name(), 1)) {
            daemon = new ProcessBuilder(BIN.resolve("cni-daemon").toString(), "--socket", socket.toString(),
                    "--dhcp-leases", dir.resolve("dhcp").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
            for (int i = 0; i < 600 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            assertThat(socket).as("the daemon listens").exists();
            Call viaDaemon = shim(box, socket, "ADD", "ctr1", config(etcd));
            assertThat(viaDaemon.exit()).as(viaDaemon.toString()).isZero();
            Call viaJvm = shim(box, dir.resolve("absent.sock"), "ADD", "ctr2", config(etcd));
            assertThat(viaJvm.exit()).as(viaJvm.toString()).isZero();
            assertThat(viaJvm.stderr()).contains("running the JVM executable");
            assertThat(viaDaemon.stdout()).contains("\"address\" : \"192.0.2.2/24\"");
            assertThat(viaDaemon.stdout().replaceAll("192\\.0\\.2\\.\\d+/24", "<address>"))
                    .isEqualTo(viaJvm.stdout().replaceAll("192\\.0\\.2\\.\\d+/24", "<address>"));
            assertThat(EtcdIpamExecutableIT.holders(box, etcd)).containsExactlyInAnyOrder("ctr1", "ctr2");
            assertThat(shim(box, socket, "DEL", "ctr1", config(etcd)).exit()).isZero();
            assertThat(EtcdIpamExecutableIT.holders(box, etcd)).containsExactly("ctr2");
            assertThat(shim(box, socket, "DEL", "ctr2", config(etcd)).exit()).isZero();
            assertThat(Files.readString(dir.resolve("daemon.log")))
                    .contains("serving [dhcp, etcd, host-local, macvlan, sbr, static]")
                    .contains("etcd ADD container ctr1 eth0 in /run/netns/" + box.name() + ": served by the daemon");
        } finally {
            if (daemon != null) {
                daemon.destroy();
                if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            }
            Posix.deleteRecursively(dir);
        }
    }
}
