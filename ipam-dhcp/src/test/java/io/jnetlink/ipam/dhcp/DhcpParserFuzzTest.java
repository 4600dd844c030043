package io.jnetlink.ipam.dhcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jnetlink.ipam.Allocation;
import io.jnetlink.ipam.Owner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of what a hostile LAN can send the DHCP client: the message parser
 * (header, magic cookie, options, overload, RFC 3396 joining), every typed option getter, the
 * routes of options 121/33/3, a lease's allocation and times, and the IP/UDP unwrapping of a
 * packet-socket read. Seeds are real ISC dhcpd 4.4 replies captured on a sandbox LAN
 * ({@code DhcpParserFuzzTestInputs/parse}, written by {@link ReplyCorpus}); every build replays
 * them, and the {@code fuzz} execution (see the pom) runs Jazzer for {@code fuzz.runs} inputs.
 * Whatever the bytes, only {@link MalformedDhcpException} may escape.
 */
class DhcpParserFuzzTest {

    private static final Owner OWNER = new Owner("fuzz", "eth0");

    @FuzzTest(maxExecutions = 1_000_000)
    void parse(byte[] input) {
        IpUdp.unwrap(input, input.length, DhcpMessage.CLIENT_PORT);
        try {
            DhcpMessage m = DhcpMessage.parse(input, 0, input.length);
            use(m);
        } catch (MalformedDhcpException expected) {
            // the parser's and getters' report of bytes that are no valid reply: the one exception allowed
        }
    }

    /** Every real reply among the seeds parses into the lease the sandbox's server gave. */
    @Test
    void realRepliesParseIntoTheirLeases() throws Exception {
        try (Stream<Path> seeds = Files.list(Path.of(getClass().getResource("DhcpParserFuzzTestInputs/parse").toURI()))) {
            List<Path> real = seeds.filter(p -> p.getFileName().toString().startsWith("isc-")).toList();
            assertThat(real).hasSizeGreaterThanOrEqualTo(3);
            for (Path seed : real) {
                byte[] bytes = Files.readAllBytes(seed);
                DhcpMessage m = DhcpMessage.parse(bytes, 0, bytes.length);
                assertThat(m.op()).isEqualTo(DhcpMessage.BOOTREPLY);
                Allocation a = use(m);
                assertThat(a.ips().getFirst().toString()).isEqualTo("198.51.100.100/24 gw 198.51.100.1");
                assertThat(a.routes()).extracting(Object::toString)
                        .containsExactly("203.0.113.0/24 via 198.51.100.1", "default via 198.51.100.1");
                assertThat(a.dns().nameservers()).containsExactly("198.51.100.53");
                assertThat(DhcpMessage.parse(m.encode(), 0, m.encode().length).options().toString())
                        .as("re-encoded").isEqualTo(m.options().toString());
            }
        }
    }

    /** Reads everything a client reads from a reply. */
    private static Allocation use(DhcpMessage m) {
        m.toString();
        m.type();
        DhcpOptions o = m.options();
        o.address(DhcpOptions.SERVER_IDENTIFIER);
        o.addresses(DhcpOptions.ROUTER);
        o.seconds(DhcpOptions.IP_ADDRESS_LEASE_TIME);
        o.text(DhcpOptions.MESSAGE);
        DhcpRoutes.of(o);
        DhcpLease lease = new DhcpLease("net", OWNER, "/run/netns/x", m.chaddr() == null
                ? io.jnetlink.core.inet.MacAddress.BROADCAST : m.chaddr(), new byte[]{0}, 0, List.of(), Map.of(),
                m.yiaddr(), m.siaddr(), o, Instant.EPOCH, DhcpLease.State.BOUND);
        lease.renewAt();
        lease.rebindAt();
        lease.expiresAt();
        DhcpLease.parse("fuzz", lease.toText());
        return lease.allocation();
    }
}
