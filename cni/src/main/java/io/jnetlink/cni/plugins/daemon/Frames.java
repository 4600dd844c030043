package io.jnetlink.cni.plugins.daemon;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The daemon's wire format, the one home of it in Java ({@code src/main/c/cni-shim.c} writes and
 * reads the same bytes). Every integer is big-endian. A request is a 12-byte header, {@code "JNLC"},
 * version 1, its kind (1 a plugin call, 2 statistics), two zero bytes and the length of the body
 * that follows; a call's body is the plugin's name (u16 length, UTF-8), the caller's {@code CNI_*}
 * variables as {@code /proc/<pid>/environ} holds them (u32 length; {@code NAME=value}, NUL
 * separated) and its stdin (u32 length). The answer repeats the header's first eight bytes, then
 * the exit code (i32), what the executable would print on stdout and on stderr (each u32 length);
 * an answer of kind 3 says the daemon does not serve that plugin (the shim runs the executable).
 */
final class Frames {

    static final int HEADER = 12;
    static final byte VERSION = 1;
    static final byte CALL = 1;
    static final byte STATS = 2;
    /** An answer's kind when the daemon does not serve the plugin: the shim runs the executable instead. */
    static final byte NOT_SERVED = 3;
    private static final byte[] MAGIC = {'J', 'N', 'L', 'C'};

    private Frames() {
    }

    /** A request's header: its kind and the length of the body that follows. */
    record Header(byte kind, long bodyLength) {
    }

    /** A plugin call as the shim forwards it. */
    record Call(String plugin, byte[] environ, byte[] stdin) {
    }

    /** What the call printed and how it exited. */
    record Answer(int exitCode, byte[] stdout, byte[] stderr) {
    }

    /** A request's first 12 bytes; {@link MalformedFrameException} when they are not ours. */
    static Header header(byte[] twelve) throws MalformedFrameException {
        if (!Arrays.equals(twelve, 0, 4, MAGIC, 0, 4)) {
            throw new MalformedFrameException("not a jnetlink CNI daemon request (no \"JNLC\" at its start)");
        }
        if (twelve[4] != VERSION) {
            throw new MalformedFrameException("request version " + twelve[4] + "; this daemon speaks " + VERSION);
        }
        byte kind = twelve[5];
        if (kind != CALL && kind != STATS) {
            throw new MalformedFrameException("request kind " + kind + " is neither a call (1) nor stats (2)");
        }
        return new Header(kind, Integer.toUnsignedLong(ByteBuffer.wrap(twelve, 8, 4).getInt()));
    }

    /** A call's body; every length must fit and nothing may follow. */
    static Call call(byte[] body) throws MalformedFrameException {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            byte[] plugin = bytes(in, Short.toUnsignedInt(in.getShort()));
            byte[] environ = bytes(in, in.getInt());
            byte[] stdin = bytes(in, in.getInt());
            if (in.hasRemaining()) {
                throw new MalformedFrameException(in.remaining() + " bytes after the call's stdin");
            }
            return new Call(new String(plugin, StandardCharsets.UTF_8), environ, stdin);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new MalformedFrameException("a length in the call runs past its body of " + body.length + " bytes");
        }
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** The answer to a request of {@code kind}. */
    static byte[] answer(byte kind, Answer answer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(20 + answer.stdout().length + answer.stderr().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(kind);
            out.writeShort(0);
            out.writeInt(answer.exitCode());
            out.writeInt(answer.stdout().length);
            out.write(answer.stdout());
            out.writeInt(answer.stderr().length);
            out.write(answer.stderr());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    /** A request of {@code kind} with {@code body}, as a client sends it. */
    static byte[] request(byte kind, byte[] body) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + body.length);
        out.put(MAGIC).put(VERSION).put(kind).putShort((short) 0).putInt(body.length).put(body);
        return out.array();
    }

    /** An answer as a client reads it: its kind ({@link #NOT_SERVED} or the request's) and what it says. */
    record Reply(byte kind, Answer answer) {
    }

    /** Reads an answer as a client does. */
    static Reply readAnswer(DataInputStream in) throws IOException {
        byte[] head = new byte[8];
        in.readFully(head);
        if (!Arrays.equals(head, 0, 4, MAGIC, 0, 4)) {
            throw new IOException("not a jnetlink CNI daemon answer");
        }
        int exit = in.readInt();
        byte[] stdout = new byte[in.readInt()];
        in.readFully(stdout);
        byte[] stderr = new byte[in.readInt()];
        in.readFully(stderr);
        return new Reply(head[5], new Answer(exit, stdout, stderr));
    }
}
