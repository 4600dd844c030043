package io.jnetlink.core.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/** Properties of the codec: the decoder survives any bytes; encode-then-decode is the identity. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // an endless loop fails, not hangs
class CodecPropertiesTest {

    sealed interface Node permits Leaf, Nest {
        int type();
    }

    record Leaf(int type, String payloadHex) implements Node {
    }

    record Nest(int type, List<Node> children) implements Node {
    }

    /** A message: type, flags, family header length and top-level attributes. */
    record Tree(int type, int flags, int headerLength, List<Node> attributes) {
    }

    private static final Gen<Integer> TYPES = Generate.range(0, Netlink.NLA_TYPE_MASK);
    private static final Gen<byte[]> PAYLOADS =
            Generate.byteArrays(Generate.range(0, 40), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));

    static Gen<Node> nodes(int depth) {
        Gen<Node> leaf = TYPES.zip(PAYLOADS, (t, p) -> new Leaf(t, HexFormat.of().formatHex(p)));
        if (depth == 0) {
            return leaf;
        }
        Gen<Node> nest = TYPES.zip(lists(nodes(depth - 1), 4), Nest::new);
        return Generate.frequency(Pair.of(3, leaf), Pair.of(1, nest));
    }

    static <T> Gen<List<T>> lists(Gen<T> elements, int max) {
        Gen<Integer> sizes = Generate.range(0, max);
        return in -> {
            int n = sizes.generate(in);
            List<T> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(elements.generate(in));
            }
            return list;
        };
    }

    static Gen<Tree> trees() {
        return Generate.range(Netlink.NLMSG_MIN_TYPE, 0xffff).zip(Generate.range(0, 0xffff),
                Generate.pick(List.of(0, 4, 8, 12, 16, 20)), lists(nodes(3), 6), Tree::new);
    }

    @Test
    void encodeThenDecodeIsTheIdentity() {
        try (Arena arena = Arena.ofConfined()) {
            NetlinkWriter w = NetlinkWriter.allocate(arena, 1 << 20);
            qt().withExamples(20_000).forAll(trees()).checkAssert(tree -> {
                encode(w.reset(), tree);
                assertThat(decode(w.buffer(), w.position())).isEqualTo(tree);
            });
        }
    }

    @Test
    void decoderThrowsOnlyItsOwnExceptionAndAlwaysEnds() {
        Gen<byte[]> random = Generate.byteArrays(Generate.range(0, 300),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        Gen<byte[]> damaged = trees().zip(lists(Generate.range(0, 1 << 16).zip(
                        Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0), Pair::of), 6),
                Generate.range(0, 1 << 16), CodecPropertiesTest::damage);
        qt().withExamples(100_000).forAll(Generate.frequency(Pair.of(1, random), Pair.of(2, damaged)))
                .checkAssert(bytes -> {
                    try {
                        int steps = walk(MemorySegment.ofArray(bytes), bytes.length);
                        assertThat(steps).isLessThanOrEqualTo(bytes.length); // every step consumes >= 4 bytes
                    } catch (MalformedMessageException expected) {
                        assertThat(expected).hasMessageNotContaining("null");
                    }
                });
    }

    /** A valid encoding with some bytes overwritten and the tail cut off. */
    private static byte[] damage(Tree tree, List<Pair<Integer, Byte>> edits, int cut) {
        try (Arena arena = Arena.ofConfined()) {
            NetlinkWriter w = NetlinkWriter.allocate(arena, 1 << 20);
            encode(w, tree);
            byte[] bytes = w.buffer().asSlice(0, w.position()).toArray(ValueLayout.JAVA_BYTE);
            for (Pair<Integer, Byte> edit : edits) {
                bytes[edit._1 % bytes.length] = edit._2;
            }
            return java.util.Arrays.copyOf(bytes, Math.min(bytes.length, cut));
        }
    }

    /** Visits every message and attribute, reading every value that fits; returns the steps taken. */
    private static int walk(MemorySegment segment, long length) {
        MessageCursor messages = new MessageCursor().wrap(segment, 0, length);
        int steps = 0;
        while (messages.next()) {
            steps++;
            messages.type();
            messages.flags();
            messages.seq();
            messages.pid();
            steps += walk(messages.attributes(0, new AttributeCursor()), 0);
        }
        return steps;
    }

    private static int walk(AttributeCursor attributes, int depth) {
        int steps = 0;
        while (attributes.next()) {
            steps++;
            int n = attributes.payloadLength();
            attributes.type();
            attributes.isNestedFlag();
            attributes.string();
            attributes.bytes();
            if (n >= 1) {
                attributes.u8();
            }
            if (n >= 2) {
                attributes.u16();
                attributes.u16Be();
            }
            if (n >= 4) {
                attributes.u32();
            }
            if (n >= 6) {
                attributes.mac();
            }
            if (n >= 8) {
                attributes.u64();
            }
            if (n == 4 || n == 16) {
                attributes.address();
            }
            if (depth < 8) {
                try {
                    steps += walk(attributes.nested(new AttributeCursor()), depth + 1);
                } catch (MalformedMessageException notNested) {
                    // a leaf whose payload is not a list of attributes: fine
                }
            }
        }
        return steps;
    }

    private static void encode(NetlinkWriter w, Tree tree) {
        long m = w.beginMessage(tree.type(), tree.flags());
        w.familyHeader(tree.headerLength());
        tree.attributes().forEach(node -> encode(w, node));
        w.endMessage(m);
    }

    private static void encode(NetlinkWriter w, Node node) {
        switch (node) {
            case Leaf leaf -> w.putBytes(leaf.type(), HexFormat.of().parseHex(leaf.payloadHex()));
            case Nest nest -> {
                long start = w.beginNest(nest.type());
                nest.children().forEach(child -> encode(w, child));
                w.endNest(start);
            }
        }
    }

    private static Tree decode(MemorySegment segment, long length) {
        MessageCursor m = new MessageCursor().wrap(segment, 0, length);
        assertThat(m.next()).isTrue();
        Tree tree = new Tree(m.type(), m.flags(), 0, List.of());
        int headerLength = m.payloadLength() - (int) attributesLength(m);
        List<Node> nodes = decode(m.attributes(headerLength, new AttributeCursor()));
        assertThat(m.next()).isFalse();
        return new Tree(tree.type(), tree.flags(), headerLength, nodes);
    }

    /** The family header's length is not in the message; recover it from where attributes end. */
    private static long attributesLength(MessageCursor m) {
        // The generator's header lengths are multiples of 4; attributes fill the rest exactly.
        for (int header = 0; header <= m.payloadLength(); header += 4) {
            try {
                AttributeCursor probe = m.attributes(header, new AttributeCursor());
                long total = 0;
                while (probe.next()) {
                    total += Netlink.align(probe.payloadLength() + Netlink.NLA_HDRLEN);
                }
                if (header + total == m.payloadLength() && zeroes(m, header)) {
                    return total;
                }
            } catch (MalformedMessageException wrongGuess) {
                // try the next header length
            }
        }
        throw new AssertionError("no header length fits");
    }

    private static boolean zeroes(MessageCursor m, int header) {
        for (int i = 0; i < header; i++) {
            if (m.payloadU8(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Node> decode(AttributeCursor a) {
        List<Node> nodes = new ArrayList<>();
        while (a.next()) {
            if (a.isNestedFlag()) {
                nodes.add(new Nest(a.type(), decode(a.nested())));
            } else {
                nodes.add(new Leaf(a.type(), HexFormat.of().formatHex(a.bytes())));
            }
        }
        return nodes;
    }
}
