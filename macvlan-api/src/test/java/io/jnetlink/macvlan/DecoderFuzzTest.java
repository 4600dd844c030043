package io.jnetlink.macvlan;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Coverage-guided fuzzing of the decoders of kernel replies: the link, address and route decoders
 * (every link kind's codec; events use the same), over the message and attribute cursors; other
 * message types have their attributes walked at every depth and width. (Error replies are fuzzed
 * in netlink-core, {@code ErrorReplyFuzzTest}.) Seeds are real kernel replies
 * ({@code DecoderFuzzTestInputs/decoders}, written by testkit's {@code KernelReplyCorpus}) and
 * the inputs of past findings ({@code found-*}); every build replays them, and the {@code fuzz}
 * execution of surefire (see the pom) runs Jazzer for {@code fuzz.runs} inputs (1,000,000;
 * 4,000,000 under -Pstress). Only the library's own {@link NetlinkException}s may escape, and an
 * input that takes over 10 s fails as a hang.
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
        } catch (NetlinkException expected) {
            // the library's own report of a malformed message: allowed
        }
    }

    private void decodeAll(MemorySegment segment, int length) {
        messages.wrap(segment, 0, length);
        while (messages.next()) {
            switch (messages.type()) {
                case Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_DELLINK -> links.decode(messages);
                case Rtnetlink.RTM_NEWADDR, Rtnetlink.RTM_DELADDR -> addresses.decode(messages);
                case Rtnetlink.RTM_NEWROUTE, Rtnetlink.RTM_DELROUTE -> Routes.decode(messages, attributes);
                default -> walk(messages.attributes(Math.min(16, messages.payloadLength()), attributes), 0);
            }
        }
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
