package io.jnetlink.core.codec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact bytes, as the kernel's {@code nlmsg_*}/{@code nla_*} helpers lay them out. */
class NetlinkWriterTest {

    private final Arena arena = Arena.ofConfined();
    private final NetlinkWriter w = NetlinkWriter.allocate(arena, 4096);

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void messageWithHeaderFamilyHeaderAndPaddedAttributes() {
        long m = w.beginMessage(16, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
        w.ifinfomsg(0, 1, 7, 0x1, 0x1);
        w.putString(3, "ab");              // nla_len 7, padded to 8
        w.putU8(17, 0xfe);                 // nla_len 5, padded to 8
        w.putU64(99, 0x0102030405060708L); // 4-aligned, not 8-aligned
        long nest = w.beginNest(18);
        w.putMac(1, 0x02_00_5e_10_00_01L); // nla_len 10, padded to 12
        w.endNest(nest);
        w.endMessage(m);

        ByteBuffer expected = ByteBuffer.allocate(16 + 16 + 8 + 8 + 12 + 16).order(ByteOrder.nativeOrder());
        expected.putInt(76).putShort((short) 16).putShort((short) 0x600).putInt(0).putInt(0);
        expected.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(7).putInt(1).putInt(1);
        expected.putShort((short) 7).putShort((short) 3).put(new byte[] {'a', 'b', 0, 0});
        expected.putShort((short) 5).putShort((short) 17).put(new byte[] {(byte) 0xfe, 0, 0, 0});
        expected.putShort((short) 12).putShort((short) 99).putLong(0x0102030405060708L);
        expected.putShort((short) 16).putShort((short) (18 | Netlink.NLA_F_NESTED));
        expected.putShort((short) 10).putShort((short) 1).put(new byte[] {2, 0, 0x5e, 0x10, 0, 1, 0, 0});

        assertThat(w.position()).isEqualTo(76);
        assertThat(written()).isEqualTo(expected.array());
    }

    @Test
    void aRetiredWriterWritesNothingMoreIntoItsFormerBuffer() {
        MemorySegment former = w.buffer();
        former.fill((byte) 0x5a);
        w.beginMessage(16, 0);
        w.retire();

        assertThat(w.buffer().byteSize()).isZero();
        assertThat(w.position()).isZero();
        assertThatThrownBy(() -> w.beginMessage(16, 0)).isInstanceOf(MessageOverflowException.class);
        assertThatThrownBy(() -> w.reset().putU32(1, 7)).isInstanceOf(MessageOverflowException.class);
        assertThat(former.asSlice(16, 64).toArray(ValueLayout.JAVA_BYTE)).containsOnly((byte) 0x5a);
    }

    @Test
    void paddingIsZeroEvenOverDirtyBuffer() {
        w.buffer().fill((byte) 0xff);
        long m = w.beginMessage(16, 0);
        w.ifinfomsg(0, 0, 0, 0, 0);
        w.putString(3, "x");
        w.endMessage(m);
        byte[] bytes = written();
        assertThat(bytes).hasSize(40);
        assertThat(bytes[37]).isZero(); // the string's NUL
        assertThat(bytes[38]).isZero();
        assertThat(bytes[39]).isZero();
        assertThat(bytes[17]).isZero(); // ifinfomsg pad
    }

    @Test
    void stringsOfEveryLengthAreNulTerminatedAndZeroPaddedOverDirtyBuffer() {
        for (int length = 0; length <= 16; length++) {
            String text = "abcdefghijklmnopq".substring(0, length);
            w.reset();
            w.buffer().fill((byte) 0xff);
            w.putString(3, text);

            byte[] bytes = written();
            assertThat(bytes).hasSize((int) Netlink.align(4 + length + 1));
            assertThat(Short.toUnsignedInt(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getShort(0)))
                    .as("nla_len").isEqualTo(4 + length + 1);
            assertThat(new String(bytes, 4, length, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(text);
            for (int i = 4 + length; i < bytes.length; i++) {
                assertThat(bytes[i]).as("NUL/padding at %d for length %d", i, length).isZero();
            }
        }
        w.reset();
        w.putString(3, "é-ü");
        assertThat(new String(written(), 4, 5, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("é-ü");
    }

    @Test
    void wideStoresLeaveNoDirtyBytes() {
        w.buffer().fill((byte) 0xff);
        long m = w.beginMessage(16, 0x405);
        w.ifinfomsg(17, 0x0102, 7, 8, 9);
        w.putU32(5, 0x0a0b0c0d);
        w.putMac(1, 0x02_00_5e_10_00_01L);
        w.endMessage(m);

        ByteBuffer expected = ByteBuffer.allocate(16 + 16 + 8 + 12).order(ByteOrder.nativeOrder());
        expected.putInt(52).putShort((short) 16).putShort((short) 0x405).putInt(0).putInt(0);
        expected.put((byte) 17).put((byte) 0).putShort((short) 0x0102).putInt(7).putInt(8).putInt(9);
        expected.putShort((short) 8).putShort((short) 5).putInt(0x0a0b0c0d);
        expected.putShort((short) 10).putShort((short) 1)
                .put(new byte[] {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01, 0, 0});
        assertThat(written()).isEqualTo(expected.array());
    }

    @Test
    void ndmsgIsTwelveBytesWithZeroPaddingOverDirtyBuffer() {
        w.buffer().fill((byte) 0xff);
        long m = w.beginMessage(28, 0);
        w.ndmsg(10, 7, 0x80, 0x88, 1);
        w.endMessage(m);

        ByteBuffer expected = ByteBuffer.allocate(16 + 12).order(ByteOrder.nativeOrder());
        expected.putInt(28).putShort((short) 28).putShort((short) 0).putInt(0).putInt(0);
        expected.put((byte) 10).put((byte) 0).putShort((short) 0).putInt(7).putShort((short) 0x80)
                .put((byte) 0x88).put((byte) 1);
        assertThat(written()).isEqualTo(expected.array());
    }

    @Test
    void addressesAreWrittenInNetworkOrder() throws Exception {
        long m = w.beginMessage(20, 0);
        w.ifaddrmsg(2, 24, 0, 0, 3);
        w.putAddress(2, InetAddress.getByName("192.0.2.1"));
        w.putU16Be(9, 0x1234);
        w.endMessage(m);
        AttributeCursor a = new AttributeCursor();
        MessageCursor msg = new MessageCursor().wrap(w.buffer(), 0, w.position());
        assertThat(msg.next()).isTrue();
        msg.attributes(8, a);
        assertThat(a.next()).isTrue();
        assertThat(a.address()).isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(a.next()).isTrue();
        assertThat(a.u16Be()).isEqualTo(0x1234);
        assertThat(a.segment().get(ValueLayout.JAVA_BYTE, a.payloadOffset())).isEqualTo((byte) 0x12);
    }

    @Test
    void cancelDropsANest() {
        long m = w.beginMessage(16, 0);
        long before = w.position();
        long nest = w.beginNest(18);
        w.putU32(1, 1);
        w.cancel(nest);
        assertThat(w.position()).isEqualTo(before);
        w.endMessage(m);
        assertThat(w.position()).isEqualTo(16);
        assertThatThrownBy(() -> w.cancel(1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overflowAndOversizedAttributesAreRefused() {
        NetlinkWriter small = NetlinkWriter.allocate(arena, 32);
        small.beginMessage(16, 0);
        assertThatThrownBy(() -> small.putBytes(1, new byte[20])).isInstanceOf(MessageOverflowException.class)
                .hasMessageContaining("24 more bytes needed at offset 16 of a 32-byte buffer");
        NetlinkWriter big = NetlinkWriter.allocate(arena, 200_000);
        assertThatThrownBy(() -> big.putBytes(1, new byte[70_000])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the netlink limit");
        assertThatThrownBy(() -> new NetlinkWriter(MemorySegment.ofArray(new byte[64])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native");
    }

    private byte[] written() {
        return w.buffer().asSlice(0, w.position()).toArray(ValueLayout.JAVA_BYTE);
    }
}
