package io.jnetlink.core;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.jnetlink.core.codec.Netlink.NLMSG_HDRLEN;

/**
 * A netlink socket bound in one network namespace for its whole life. Opening it in another
 * namespace happens on a short-lived platform thread, so the caller's thread never moves.
 * Turns on {@code NETLINK_EXT_ACK}, {@code NETLINK_CAP_ACK} and {@code NETLINK_GET_STRICT_CHK};
 * reads every reply into one reused receive buffer; checks sequence numbers, the replying port
 * and truncation ({@code MSG_TRUNC}).
 *
 * <p>Thread safety: every exchange (send, then read until the kernel's ACK, error or
 * {@code NLMSG_DONE}) holds an internal lock, so threads may share a socket and take turns.
 * For parallel requests, open one socket per thread.
 */
public final class NetlinkSocket implements AutoCloseable {

    /**
     * Socket settings.
     *
     * @param receiveBufferSize bytes of the user-space buffer each datagram is read into (at least 32 KiB)
     * @param receiveTimeout    how long to wait for a reply before failing
     * @param kernelReceiveBuffer {@code SO_RCVBUF(FORCE)}: the kernel queue for replies not yet read
     */
    public record Options(int receiveBufferSize, Duration receiveTimeout, int kernelReceiveBuffer) {

        public static final Options DEFAULTS = new Options(64 * 1024, Duration.ofSeconds(30), 4 << 20);

        public Options {
            if (receiveBufferSize < 32 * 1024) {
                throw new IllegalArgumentException("receiveBufferSize: must be at least 32768 bytes, got "
                        + receiveBufferSize);
            }
            if (receiveTimeout == null || receiveTimeout.isNegative() || receiveTimeout.isZero()) {
                throw new IllegalArgumentException("receiveTimeout: must be positive, got " + receiveTimeout);
            }
            if (kernelReceiveBuffer < 0) {
                throw new IllegalArgumentException("kernelReceiveBuffer: must not be negative, got "
                        + kernelReceiveBuffer);
            }
        }

        public Options withReceiveTimeout(Duration timeout) {
            return new Options(receiveBufferSize, timeout, kernelReceiveBuffer);
        }
    }

    private static final int SOCKADDR_NL_SIZE = 12;
    private static final int MAX_DUMP_ATTEMPTS = 8;
    /** A batch is sent in chunks: well under the default 208 KiB send buffer, few enough ACKs to queue. */
    private static final long MAX_CHUNK_BYTES = 64 * 1024;
    private static final int MAX_CHUNK_MESSAGES = 256;

    private final int protocol;
    private final int fd;
    private final int portId;
    private final Options options;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment receiveBuffer;
    private final MemorySegment errnoState;
    private final MemorySegment kernelAddress;
    private final MemorySegment from;
    private final MemorySegment fromLength;
    private final ReentrantLock lock = new ReentrantLock();
    private final MessageCursor replies = new MessageCursor();
    private final AttributeCursor ackAttributes = new AttributeCursor();
    private int sequence = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE / 2);
    private NetlinkErrorException singleFailure;
    private volatile boolean closed;

    private NetlinkSocket(int protocol, int fd, Options options) {
        this.protocol = protocol;
        this.fd = fd;
        this.options = options;
        this.receiveBuffer = arena.allocate(options.receiveBufferSize(), 8);
        this.errnoState = Syscalls.newErrnoState(arena);
        this.kernelAddress = arena.allocate(SOCKADDR_NL_SIZE, 4);
        this.kernelAddress.set(ValueLayout.JAVA_SHORT, 0, (short) Syscalls.AF_NETLINK);
        this.from = arena.allocate(SOCKADDR_NL_SIZE, 4);
        this.fromLength = arena.allocate(ValueLayout.JAVA_INT);
        configure();
        MemorySegment local = arena.allocate(SOCKADDR_NL_SIZE, 4);
        local.set(ValueLayout.JAVA_SHORT, 0, (short) Syscalls.AF_NETLINK);
        Syscalls.bind(fd, local);
        Syscalls.getsockname(fd, local);
        this.portId = local.get(ValueLayout.JAVA_INT, 4);
    }

    /** Opens a socket of {@code protocol} (e.g. {@link Netlink#NETLINK_ROUTE}) in the current namespace. */
    public static NetlinkSocket open(int protocol) {
        return open(protocol, null, Options.DEFAULTS);
    }

    /** Opens a socket of {@code protocol} inside {@code ns}; the calling thread stays where it is. */
    public static NetlinkSocket open(int protocol, NetNs ns) {
        return open(protocol, ns, Options.DEFAULTS);
    }

    /** Opens a socket with explicit options; {@code ns} null means the caller's namespace. */
    public static NetlinkSocket open(int protocol, NetNs ns, Options options) {
        int type = Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC;
        int fd;
        if (ns == null) {
            fd = Syscalls.socket(Syscalls.AF_NETLINK, type, protocol);
        } else {
            int nsFd = ns.fd();
            try {
                fd = NetNs.onFreshThread("socket-" + ns.description(), () -> {
                    Syscalls.setns(nsFd, Syscalls.CLONE_NEWNET);
                    return Syscalls.socket(Syscalls.AF_NETLINK, type, protocol);
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new NetlinkException("open netlink socket in " + ns, e);
            }
        }
        try {
            return new NetlinkSocket(protocol, fd, options);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    public int protocol() {
        return protocol;
    }

    /** The port id the kernel assigned at bind time. */
    public int portId() {
        return portId;
    }

    public Options options() {
        return options;
    }

    /** Subscribes to a multicast group (e.g. {@link Rtnetlink#RTNLGRP_LINK}). */
    public void joinGroup(int group) {
        Syscalls.setsockoptInt(fd(), Syscalls.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group,
                "NETLINK_ADD_MEMBERSHIP " + group);
    }

    /**
     * Sends the one message in {@code request} with {@code NLM_F_ACK} and waits for the ACK.
     *
     * @throws NetlinkErrorException the kernel's error, with its extended-ACK text
     */
    public void execute(NetlinkWriter request) {
        request(request, null);
    }

    /**
     * Sends the one message in {@code request} with {@code NLM_F_ACK}, passes each reply to
     * {@code handler} (a view valid only during the call), and returns at the ACK or
     * {@code NLMSG_DONE}. Returns whether a reply carried {@code NLM_F_DUMP_INTR}.
     */
    public boolean request(NetlinkWriter request, Consumer<MessageCursor> handler) {
        MemorySegment buffer = request.buffer();
        int length = singleMessageLength(request);
        lock.lock();
        try {
            int seq = nextSequence(1);
            stamp(buffer, 0, seq);
            send(buffer, 0, length);
            singleFailure = null;
            boolean interrupted = receive(seq, 1, buffer, 0, handler, null);
            if (singleFailure != null) {
                throw singleFailure;
            }
            return interrupted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a dump request and maps each reply with {@code mapper} (null results are dropped).
     * When the kernel flags the dump as interrupted by concurrent changes, it is redone, up to
     * {@value #MAX_DUMP_ATTEMPTS} times, then {@link DumpInterruptedException}.
     */
    public <T> List<T> dump(NetlinkWriter request, Function<MessageCursor, T> mapper) {
        for (int attempt = 1; ; attempt++) {
            List<T> results = new ArrayList<>();
            boolean interrupted = request(request, message -> {
                T value = mapper.apply(message);
                if (value != null) {
                    results.add(value);
                }
            });
            if (!interrupted) {
                return results;
            }
            if (attempt == MAX_DUMP_ATTEMPTS) {
                throw new DumpInterruptedException(operationName(request.buffer(), 0), attempt);
            }
        }
    }

    /**
     * Sends every message in {@code requests} with {@code NLM_F_ACK}, many per {@code sendmsg},
     * and matches every ACK to its request by sequence number. Each request's outcome is
     * reported; replies other than ACKs are ignored.
     */
    public BatchResult batch(NetlinkWriter requests) {
        return batch(requests, MAX_CHUNK_MESSAGES);
    }

    /**
     * As {@link #batch(NetlinkWriter)}, with at most {@code perSend} requests (1..256) in one
     * {@code sendmsg}.
     */
    public BatchResult batch(NetlinkWriter requests, int perSend) {
        if (perSend < 1 || perSend > MAX_CHUNK_MESSAGES) {
            throw new IllegalArgumentException("perSend: " + perSend + " is outside 1.." + MAX_CHUNK_MESSAGES);
        }
        MemorySegment buffer = requests.buffer();
        long[] offsets = messageOffsets(requests);
        int count = offsets.length - 1;
        NetlinkErrorException[] failures = new NetlinkErrorException[count];
        lock.lock();
        try {
            int first = 0;
            while (first < count) {
                int last = first + 1;
                while (last < count && last - first < perSend
                        && offsets[last + 1] - offsets[first] <= MAX_CHUNK_BYTES) {
                    last++;
                }
                int seq = nextSequence(last - first);
                for (int i = first; i < last; i++) {
                    stamp(buffer, offsets[i], seq + i - first);
                }
                send(buffer, offsets[first], offsets[last] - offsets[first]);
                receive(seq, last - first, buffer, offsets[first], null, slice(failures, first));
                first = last;
            }
        } finally {
            lock.unlock();
        }
        return new BatchResult(failures);
    }

    /**
     * Waits up to the receive timeout for one datagram of notifications (multicast messages,
     * sequence 0) and passes each message to {@code handler}. Returns false on timeout.
     *
     * @throws SyscallException with errno {@code ENOBUFS} when the kernel dropped notifications
     *                          because they were not read fast enough; re-list to resynchronise
     */
    public boolean receiveNotifications(Consumer<MessageCursor> handler) {
        lock.lock();
        try {
            long n = Syscalls.recvfrom(errnoState, fd(), receiveBuffer, from, fromLength);
            if (n < 0) {
                return false;
            }
            if (n > receiveBuffer.byteSize()) {
                throw truncated(n, "notification");
            }
            if (from.get(ValueLayout.JAVA_INT, 4) != 0) {
                return true;
            }
            replies.wrap(receiveBuffer, 0, n);
            while (replies.next()) {
                if (replies.type() >= Netlink.NLMSG_MIN_TYPE) {
                    handler.accept(replies);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Closes the socket after any exchange in progress has finished. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                Syscalls.close(fd);
                arena.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void configure() {
        int sol = Syscalls.SOL_NETLINK;
        Syscalls.setsockoptInt(fd, sol, Netlink.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
        Syscalls.setsockoptInt(fd, sol, Netlink.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
        Syscalls.setsockoptInt(fd, sol, Netlink.NETLINK_GET_STRICT_CHK, 1, "NETLINK_GET_STRICT_CHK");
        if (options.kernelReceiveBuffer() > 0) {
            try {
                Syscalls.setsockoptInt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUFFORCE,
                        options.kernelReceiveBuffer(), "SO_RCVBUFFORCE");
            } catch (SyscallException notPrivileged) {
                Syscalls.setsockoptInt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF,
                        options.kernelReceiveBuffer(), "SO_RCVBUF");
            }
        }
        MemorySegment timeval = arena.allocate(16, 8);
        Duration timeout = options.receiveTimeout();
        long micros = timeout.toNanosPart() / 1000;
        timeval.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
        timeval.set(ValueLayout.JAVA_LONG, 8, timeout.toSeconds() == 0 && micros == 0 ? 1 : micros);
        Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVTIMEO, timeval, "SO_RCVTIMEO");
    }

    private int fd() {
        if (closed) {
            throw new IllegalStateException("netlink socket is closed");
        }
        return fd;
    }

    private int nextSequence(int count) {
        if (sequence > Integer.MAX_VALUE - count - 1) {
            sequence = 1;
        }
        int first = sequence;
        sequence += count;
        return first;
    }

    private static void stamp(MemorySegment buffer, long offset, int seq) {
        int flags = Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 6));
        buffer.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 6,
                (short) (flags | Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK));
        buffer.set(ValueLayout.JAVA_INT_UNALIGNED, offset + 8, seq);
        buffer.set(ValueLayout.JAVA_INT_UNALIGNED, offset + 12, 0);
    }

    private void send(MemorySegment buffer, long offset, long length) {
        try {
            MemorySegment start = offset == 0 ? buffer : buffer.asSlice(offset, length);
            Syscalls.sendto(errnoState, fd(), start, length, kernelAddress);
        } catch (SyscallException e) {
            if (e.errno().number() == Errno.EMSGSIZE) {
                throw new NetlinkException("send " + operationName(buffer, offset) + ": request of " + length
                        + " bytes is larger than the socket's send buffer", e);
            }
            throw e;
        }
    }

    /**
     * Reads datagrams until requests {@code firstSeq .. firstSeq+count-1} have each ended with
     * an ACK, an error or {@code NLMSG_DONE}. Other replies go to {@code handler}. Failures go
     * to {@code failures} (by index) or, when that is null, to {@link #singleFailure}.
     */
    private boolean receive(int firstSeq, int count, MemorySegment request, long requestOffset,
                            Consumer<MessageCursor> handler, FailureSink failures) {
        int pending = count;
        boolean interrupted = false;
        while (pending > 0) {
            long n = Syscalls.recvfrom(errnoState, fd(), receiveBuffer, from, fromLength);
            if (n < 0) {
                throw new NetlinkException(operationName(request, requestOffset) + ": no reply from the kernel within "
                        + options.receiveTimeout());
            }
            if (n > receiveBuffer.byteSize()) {
                throw truncated(n, operationName(request, requestOffset)); // name built only on failure
            }
            if (from.get(ValueLayout.JAVA_INT, 4) != 0) {
                continue; // not from the kernel
            }
            replies.wrap(receiveBuffer, 0, n);
            while (replies.next()) {
                int index = replies.seq() - firstSeq;
                if (index < 0 || index >= count || replies.pid() != portId) {
                    continue; // a stale reply to an earlier, abandoned request, or a notification
                }
                interrupted |= (replies.flags() & Netlink.NLM_F_DUMP_INTR) != 0;
                int type = replies.type();
                if (type == Netlink.NLMSG_ERROR || type == Netlink.NLMSG_DONE) {
                    NetlinkErrorException failure = terminalError(type, request, requestOffset);
                    if (failures != null) {
                        failures.put(index, failure);
                    } else {
                        singleFailure = failure;
                    }
                    pending--;
                } else if (type == Netlink.NLMSG_OVERRUN) {
                    throw new NetlinkException(operationName(request, requestOffset) + ": kernel reported NLMSG_OVERRUN");
                } else if (type >= Netlink.NLMSG_MIN_TYPE && handler != null) {
                    handler.accept(replies);
                }
            }
        }
        return interrupted;
    }

    /** The error an ACK or DONE carries, with its extended ACK; null for success. */
    private NetlinkErrorException terminalError(int type, MemorySegment request, long requestOffset) {
        int payload = replies.payloadLength();
        if (payload < 4) {
            if (type == Netlink.NLMSG_DONE) {
                return null; // some families send an empty DONE
            }
            throw new io.jnetlink.core.codec.MalformedMessageException("NLMSG_ERROR with " + payload
                    + " payload bytes");
        }
        int error = replies.payloadS32(0);
        if (error == 0) {
            return null;
        }
        long tlvStart = 4;
        String operation = operationName(request, requestOffset);
        if (type == Netlink.NLMSG_ERROR) {
            // the echoed request header, and its payload unless NLM_F_CAPPED
            long echoed = (replies.flags() & Netlink.NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN
                    : Netlink.align(Integer.toUnsignedLong(replies.payloadS32(4)));
            tlvStart += echoed;
            if (payload >= 4 + NLMSG_HDRLEN) {
                operation = operationName(replies.payloadU16(8));
            }
        }
        String text = null;
        int offset = -1;
        if ((replies.flags() & Netlink.NLM_F_ACK_TLVS) != 0 && tlvStart <= payload) {
            long base = replies.offset() + NLMSG_HDRLEN;
            ackAttributes.wrap(receiveBuffer, base + tlvStart, base + payload);
            while (ackAttributes.next()) {
                if (ackAttributes.type() == Netlink.NLMSGERR_ATTR_MSG) {
                    text = ackAttributes.string();
                } else if (ackAttributes.type() == Netlink.NLMSGERR_ATTR_OFFS) {
                    offset = ackAttributes.u32();
                }
            }
        }
        return new NetlinkErrorException(operation, -error, text, offset);
    }

    private NetlinkException truncated(long received, String operation) {
        return new NetlinkException(operation + ": a reply of " + received + " bytes was truncated to the "
                + receiveBuffer.byteSize() + "-byte receive buffer (MSG_TRUNC); open the socket with a larger "
                + "Options.receiveBufferSize");
    }

    private String operationName(MemorySegment buffer, long offset) {
        return operationName(Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 4)));
    }

    private String operationName(int type) {
        return protocol == Netlink.NETLINK_ROUTE ? Rtnetlink.typeName(type) : "netlink message type " + type;
    }

    private static int singleMessageLength(NetlinkWriter request) {
        long written = request.position();
        if (written < NLMSG_HDRLEN) {
            throw new IllegalArgumentException("request: holds " + written + " bytes, no complete message");
        }
        int length = request.buffer().get(ValueLayout.JAVA_INT_UNALIGNED, 0);
        if (Netlink.align(length) != written || length < NLMSG_HDRLEN) {
            throw new IllegalArgumentException("request: holds " + written + " bytes but its message is " + length
                    + " bytes long; end the message, and use batch() for several");
        }
        return length;
    }

    /** Offsets of each message in the writer, plus the end: n + 1 entries. */
    private static long[] messageOffsets(NetlinkWriter requests) {
        MessageCursor cursor = new MessageCursor().wrap(requests.buffer(), 0, requests.position());
        long[] offsets = new long[16];
        int n = 0;
        while (cursor.next()) {
            if (n + 1 >= offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[n++] = cursor.offset();
        }
        if (n == 0) {
            throw new IllegalArgumentException("requests: the batch holds no message");
        }
        offsets[n] = requests.position();
        return java.util.Arrays.copyOf(offsets, n + 1);
    }

    /** Where the failures of one chunk of a batch are recorded. */
    @FunctionalInterface
    private interface FailureSink {
        void put(int index, NetlinkErrorException failure);
    }

    private static FailureSink slice(NetlinkErrorException[] failures, int first) {
        return (index, failure) -> failures[first + index] = failure;
    }
}
