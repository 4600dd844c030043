package io.jnetlink.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MalformedMessageException;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
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
 * Coverage-guided fuzzing of the error-reply parser (errno, echoed request, extended ACK text and
 * offset, capped or not) and the message and attribute cursors under it. Seeds are real kernel
 * error replies with extended-ACK texts ({@code ErrorReplyFuzzTestInputs/errorReplies}, written by
 * testkit's {@code KernelReplyCorpus}); every build replays them, and the {@code fuzz} execution
 * (see the pom) runs Jazzer for {@code fuzz.runs} inputs (1,000,000; 4,000,000 under -Pstress).
 * Whatever the bytes, only {@link MalformedMessageException} may escape (not any other
 * {@code NetlinkException}); an input that takes over 10 s fails as a hang. The real kernel
 * replies among the seeds must be read cleanly, each into its errno, operation and text
 * ({@link #realKernelErrorRepliesReadAsTheKernelMeantThem}).
 */
class ErrorReplyFuzzTest {

    private final ExtendedAck acks = new ExtendedAck();
    private final MessageCursor messages = new MessageCursor();
    private final AttributeCursor attributes = new AttributeCursor();

    @FuzzTest(maxExecutions = 1_000_000)
    void errorReplies(byte[] input) {
        try {
            read(input);
        } catch (MalformedMessageException expected) {
            // the parser's report of bytes that are no valid reply: the one exception allowed
        }
    }

    /**
     * Every seed (each a real kernel error reply, with the extended ACK the kernel sent) reads
     * without an exception into the operation, errno and text (and no attribute offset: the
     * kernel sent none) the kernel meant.
     */
    @Test
    void realKernelErrorRepliesReadAsTheKernelMeantThem() throws Exception {
        Map<String, String> expected = Map.of(
                "error-unknown-kind", "RTM_NEWLINK EOPNOTSUPP \"Unknown device type\"",
                "error-macvlan-mode", "RTM_NEWLINK EINVAL",
                "error-exists", "RTM_NEWLINK EEXIST",
                "error-no-device", "RTM_DELLINK ENODEV",
                "error-prefix-length", "RTM_NEWADDR EINVAL \"ipv4: Invalid prefix length\"",
                "error-gateway", "RTM_NEWROUTE ENETUNREACH \"Nexthop has invalid gateway\"");
        Map<String, String> read = new TreeMap<>();
        try (Stream<Path> seeds = Files.list(Path.of(getClass().getResource("ErrorReplyFuzzTestInputs/errorReplies").toURI()))) {
            for (Path seed : seeds.toList()) {
                List<NetlinkErrorException> errors = read(Files.readAllBytes(seed));
                assertThat(errors).as(seed.getFileName().toString()).hasSize(1);
                NetlinkErrorException e = errors.getFirst();
                read.put(seed.getFileName().toString(), e.operation() + " " + e.errnoName()
                        + e.kernelMessage().map(text -> " \"" + text + "\"").orElse("")
                        + (e.attributeOffset().isPresent() ? " at " + e.attributeOffset().getAsInt() : ""));
            }
        }
        assertThat(read).isEqualTo(expected);
    }

    /** Reads every message: error replies into their errors, other messages' attributes walked. */
    private List<NetlinkErrorException> read(byte[] input) {
        List<NetlinkErrorException> errors = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(Math.max(1, input.length), 8);
            MemorySegment.copy(MemorySegment.ofArray(input), 0, segment, 0, input.length);
            messages.wrap(segment, 0, input.length);
            while (messages.next()) {
                if (messages.type() == Netlink.NLMSG_ERROR || messages.type() == Netlink.NLMSG_DONE) {
                    NetlinkErrorException e = acks.error(messages, Netlink.NETLINK_ROUTE, "fuzzed request", 0);
                    if (e != null) {
                        e.getMessage();
                        errors.add(e);
                    }
                } else {
                    messages.attributes(Math.min(16, messages.payloadLength()), attributes);
                    while (attributes.next()) {
                        attributes.bytes();
                        attributes.string();
                    }
                }
            }
        }
        return errors;
    }
}
