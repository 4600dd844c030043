package io.jnetlink.macvlan;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.rtnl.Rtnetlink;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the decoders of kernel replies: the link decoder (every link kind's
 * codec, the counters, the IPv6 settings; events use the same), the address, route, rule, neighbour and
 * statistics ({@code RTM_NEWSTATS}) decoders, over the message and attribute cursors; other
 * message types have their attributes walked at every depth and width. (Error replies are fuzzed
 * in netlink-core, {@code ErrorReplyFuzzTest}.) Seeds are real kernel replies
 * ({@code DecoderFuzzTestInputs/decoders}, written by testkit's {@code KernelReplyCorpus}) and
 * the inputs of past findings ({@code found-*}); every build replays them, and the {@code fuzz}
 * execution of surefire (see the pom) runs Jazzer for {@code fuzz.runs} inputs (1,000,000;
 * 4,000,000 under -Pstress). Whatever the bytes, only {@link MalformedMessageException} may escape
 * (the cursors' and decoders' promise; not any other {@code NetlinkException}), and an input that
 * takes over 10 s fails as a hang. The real kernel replies among the seeds must decode cleanly,
 * each into its value ({@link #realKernelRepliesDecodeIntoTheirValues}).
 */
class DecoderFuzzTest {

    private final LinkCodec links = new LinkCodec();
    private final Addresses.Decoder addresses = new Addresses.Decoder();
    private final MessageCursor messages = new MessageCursor();
    private final AttributeCursor attributes = new AttributeCursor();
    private final AttributeCursor nested = new AttributeCursor();

    @FuzzTest(maxExecutions = 1_000_000)
    void decoders(byte[] input) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(Math.max(1, input.length), 8);
            MemorySegment.copy(MemorySegment.ofArray(input), 0, segment, 0, input.length);
            decodeAll(segment, input.length);
        } catch (MalformedMessageException expected) {
            // the decoders' report of bytes that are no valid message: the one exception allowed
        }
    }

    /**
     * Every seed that is a real kernel reply (all but the {@code found-*} inputs of past findings)
     * decodes without an exception into one value of its kind: each link, address, route, rule and
     * neighbour (proxy entries too) the corpus's sandbox held, every link kind into its own info.
     */
    @Test
    void realKernelRepliesDecodeIntoTheirValues() throws Exception {
        Map<String, List<Object>> decoded = new TreeMap<>();
        try (Stream<Path> seeds = Files.list(Path.of(getClass().getResource("DecoderFuzzTestInputs/decoders").toURI()))) {
            for (Path seed : seeds.filter(p -> !p.getFileName().toString().startsWith("found-")).toList()) {
                byte[] reply = Files.readAllBytes(seed);
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment segment = arena.allocate(reply.length, 8).copyFrom(MemorySegment.ofArray(reply));
                    decoded.put(seed.getFileName().toString(), decodeAll(segment, reply.length));
                }
            }
        }
        assertThat(decoded).as("real replies").hasSizeGreaterThanOrEqualTo(40);
        decoded.forEach((seed, values) -> assertThat(values).as(seed).singleElement().isInstanceOf(
                seed.startsWith("link-") ? Link.class : seed.startsWith("address-") ? Address.class
                        : seed.startsWith("rule-") ? Rule.class : seed.startsWith("stats-") ? LinkStats.class
                        : seed.startsWith("neigh-") ? Neighbour.class : Route.class));
        List<Link> links = decoded.values().stream().flatMap(List::stream)
                .filter(Link.class::isInstance).map(Link.class::cast).toList();
        assertThat(links).extracting(Link::name).doesNotHaveDuplicates()
                .contains("lo", "eth0", "mvb", "mvv", "mvp", "mvs", "mt0", "mvpt", "br0", "b1", "vx4", "vx6");
        assertThat(links).extracting(link -> (Object) link.info().getClass()).contains(Macvlan.Info.class,
                Veth.Info.class, Bridge.Info.class, Vxlan.Info.class);
        assertThat(decoded.values().stream().flatMap(List::stream).filter(Neighbour.class::isInstance)
                .map(Object::toString)).contains("192.0.2.5 dev if3 lladdr 02:00:5e:00:53:05 PERMANENT",
                "192.0.2.6 dev if3 lladdr 02:00:5e:00:53:06 router STALE", "192.0.2.7 dev if3",
                "2001:db8::5 dev if3 lladdr 02:00:5e:00:53:05 router REACHABLE",
                "2001:db8::6 dev if3 lladdr 02:00:5e:00:53:06 extern_learn NOARP",
                "192.0.2.9 dev if3 proxy", "2001:db8::9 dev if3 proxy");
    }

    /** Decodes every message of the region: links, addresses, routes, rules, neighbours, statistics into their values, others walked. */
    private List<Object> decodeAll(MemorySegment segment, int length) {
        List<Object> values = new ArrayList<>();
        messages.wrap(segment, 0, length);
        while (messages.next()) {
            switch (messages.type()) {
                case Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_DELLINK -> {
                    values.add(links.decode(messages));
                    links.decodeIpv6(messages); // the IPv6 view of the same message (IFLA_AF_SPEC/AF_INET6)
                }
                case Rtnetlink.RTM_NEWSTATS -> values.add(LinkStats.decode(messages, attributes));
                case Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR -> values.add(addresses.decode(messages));
                case Rtnetlink.RTM_NEWROUTE, Rtnetlink.RTM_DELROUTE -> values.add(Routes.decode(messages, attributes));
                case Rtnetlink.RTM_NEWRULE, Rtnetlink.RTM_DELRULE -> values.add(Rules.decode(messages, attributes));
                case Rtnetlink.RTM_NEWNEIGH, Rtnetlink.RTM_DELNEIGH ->
                        values.add(Neighbours.decode(messages, attributes));
                default -> walk(messages.attributes(Math.min(16, messages.payloadLength()), attributes), 0);
            }
        }
        return values;
    }

    /** Every attribute at every depth, read in every width. */
    private void walk(AttributeCursor a, int depth) {
        while (a.next()) {
            int length = a.payloadLength();
            if (length >= 1) {
                a.u8();
            }
            if (length >= 4) {
                a.u32();
            }
            if (length >= 6) {
                a.mac();
            }
            if (length >= 8) {
                a.u64();
            }
            if (length == 4 || length == 16) {
                a.address();
            }
            a.bytes();
            a.string();
            if (depth < 4 && length >= 4) {
                walk(a.nested(new AttributeCursor()), depth + 1);
            }
        }
    }
}
