package io.jnetlink.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Coverage-guided fuzzing of the error-reply parser (errno, echoed request, extended ACK text and
 * offset, capped or not) and the message and attribute cursors under it. Seeds are real kernel
 * error replies with extended-ACK texts ({@code ErrorReplyFuzzTestInputs/errorReplies}, written by
 * testkit's {@code KernelReplyCorpus}); every build replays them, and the {@code fuzz} execution
 * (see the pom) runs Jazzer for {@code fuzz.runs} inputs (1,000,000; 4,000,000 under -Pstress).
 * Only the library's own {@link NetlinkException}s may escape; an input that takes over 10 s
 * fails as a hang.
 */
class ErrorReplyFuzzTest {

    private final ExtendedAck acks = new ExtendedAck();
    private final MessageCursor messages = new MessageCursor();
    private final AttributeCursor attributes = new AttributeCursor();

    @FuzzTest(maxExecutions = 1_000_000)
    void errorReplies(byte[] input) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(Math.max(1, input.length), 8);
            MemorySegment.copy(MemorySegment.ofArray(input), 0, segment, 0, input.length);
            messages.wrap(segment, 0, input.length);
            while (messages.next()) {
                if (messages.type() == Netlink.NLMSG_ERROR || messages.type() == Netlink.NLMSG_DONE) {
                    NetlinkErrorException e = acks.error(messages, Netlink.NETLINK_ROUTE, "fuzzed request");
                    if (e != null) {
                        e.getMessage();
                    }
                } else {
                    messages.attributes(Math.min(16, messages.payloadLength()), attributes);
                    while (attributes.next()) {
                        attributes.bytes();
                        attributes.string();
                    }
                }
            }
        } catch (NetlinkException expected) {
            // the library's own report of a malformed message: allowed
        }
    }
}
