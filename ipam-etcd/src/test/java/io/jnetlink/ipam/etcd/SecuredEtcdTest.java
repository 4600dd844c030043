package io.jnetlink.ipam.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.jnetlink.ipam.IpAllocator;
import io.jnetlink.ipam.Ipam;
import io.jnetlink.ipam.IpamException;
import io.jnetlink.ipam.IpamUnavailableException;
import io.jnetlink.ipam.Owner;
import io.jnetlink.testkit.Command;
import io.jnetlink.testkit.EtcdCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** etcd as clusters are run for real: client TLS with client certificates, and user/password auth. */
class SecuredEtcdTest {

    private static final Map<String, Object> RANGE = Map.of("subnet", "198.18.6.0/24");

    @TempDir
    Path pki;

    /** A CA, a server certificate for 127.0.0.1 and a client certificate, with openssl (EC P-256, PKCS#8 keys). */
    private void certificates() {
        String subj = "/CN=jnltest-ca";
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "1", "-subj", subj);
        for (String who : List.of("server", "client")) {
            run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", who + "-key.pem", "-out", who + ".csr", "-subj", "/CN=jnltest-" + who);
            run("sh", "-c", "printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth,clientAuth\\n' > "
                    + who + ".ext");
            run("openssl", "x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", who + ".pem", "-days", "1", "-extfile", who + ".ext");
        }
    }

    private void run(String... command) {
        Command.Result r = Command.run("sh", "-c", "cd '" + pki + "' && " + quoted(command));
        assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.output()).isZero();
    }

    private static String quoted(String... command) {
        StringBuilder s = new StringBuilder();
        for (String part : command) {
            s.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        return s.toString();
    }

    @Test
    void overTlsWithAClientCertificateAllocationsWorkAndWithoutOneTheyAreRefused() throws Exception {
        certificates();
        try (EtcdCluster etcd = EtcdCluster.start(1, new EtcdCluster.ServerTls(pki.resolve("server.pem"),
                pki.resolve("server-key.pem"), pki.resolve("ca.pem")))) {
            assertThat(etcd.endpoints().getFirst()).startsWith("https://");
            Map<String, Object> tls = Map.of("ca", pki.resolve("ca.pem").toString(),
                    "cert", pki.resolve("client.pem").toString(), "key", pki.resolve("client-key.pem").toString());
            try (IpAllocator ipam = Ipam.open("secure", EtcdFixture.ipam(etcd.endpoints(), "host-a", RANGE,
                    Map.of("timeoutMillis", 10_000, "tls", tls)))) {
                assertThat(ipam.allocate(new Owner("c1", "eth0"), List.of()).ips().getFirst().address())
                        .hasToString("198.18.6.2/24");
            }
            try (IpAllocator anonymous = Ipam.open("secure", EtcdFixture.ipam(etcd.endpoints(), "host-a", RANGE,
                    Map.of("timeoutMillis", 3_000, "tls", Map.of("ca", pki.resolve("ca.pem").toString()))))) {
                assertThatThrownBy(() -> anonymous.allocate(new Owner("c2", "eth0"), List.of()))
                        .isInstanceOf(IpamException.class).hasMessageContaining("etcd at https://127.0.0.1");
            }
        }
    }

    @Test
    void withAuthEnabledTheRightPasswordAllocatesAndAWrongOneIsRefusedWithTheReason() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            try (Client admin = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
                ByteSequence root = ByteSequence.from("root", StandardCharsets.UTF_8);
                admin.getAuthClient().userAdd(root, ByteSequence.from("s3cret", StandardCharsets.UTF_8))
                        .get(10, TimeUnit.SECONDS);
                admin.getAuthClient().userGrantRole(root, root).get(10, TimeUnit.SECONDS);
                admin.getAuthClient().authEnable().get(10, TimeUnit.SECONDS);
            }
            try (IpAllocator ipam = Ipam.open("authed", EtcdFixture.ipam(etcd.endpoints(), "host-a", RANGE,
                    Map.of("timeoutMillis", 10_000, "user", "root", "password", "s3cret")))) {
                assertThat(ipam.allocate(new Owner("c1", "eth0"), List.of()).ips()).hasSize(1);
            }
            try (IpAllocator wrong = Ipam.open("authed", EtcdFixture.ipam(etcd.endpoints(), "host-a", RANGE,
                    Map.of("timeoutMillis", 10_000, "user", "root", "password", "wrong")))) {
                assertThatThrownBy(() -> wrong.allocate(new Owner("c2", "eth0"), List.of()))
                        .isInstanceOf(IpamException.class).isNotInstanceOf(IpamUnavailableException.class)
                        .hasMessageContaining("authentication failed");
            }
        }
    }
}
