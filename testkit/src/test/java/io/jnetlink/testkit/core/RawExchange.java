package io.jnetlink.testkit.core;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.MessageCursor;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One raw send and receive on a {@link NetlinkSocket}, the kernel's reply unread, for
 * {@link KernelReplyCorpus}: the socket's public calls turn error replies into exceptions, and its
 * raw {@code send}/{@code receive} are package-private to core. Reached reflectively, which works
 * where the corpus tool runs, on the class path (core's packages are open there).
 */
final class RawExchange {

    private RawExchange() {
    }

    /** Sends {@code length} bytes of {@code buffer} and returns the first reply datagram (null if not the kernel's). */
    static MessageCursor sendAndReceive(NetlinkSocket socket, MemorySegment buffer, long length) {
        try {
            MethodHandles.Lookup core = MethodHandles.privateLookupIn(NetlinkSocket.class, MethodHandles.lookup());
            MethodHandle send = core.findVirtual(NetlinkSocket.class, "send",
                    MethodType.methodType(void.class, MemorySegment.class, long.class, long.class));
            MethodHandle receive = core.findVirtual(NetlinkSocket.class, "receive",
                    MethodType.methodType(MessageCursor.class, MemorySegment.class, long.class));
            send.invoke(socket, buffer, 0L, length);
            return (MessageCursor) receive.invoke(socket, buffer, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("raw exchange on " + socket + ": " + e, e);
        }
    }
}
