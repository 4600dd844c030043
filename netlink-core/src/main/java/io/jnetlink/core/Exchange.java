package io.jnetlink.core;

import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One request/reply exchange on a {@link NetlinkSocket}: numbers the requests, sends them, and
 * reads replies until every request has ended with an ACK, an error or {@code NLMSG_DONE},
 * matching replies by sequence number and port (stale replies to abandoned requests and
 * notifications are skipped), collecting the parts of multi-part replies and noting
 * {@code NLM_F_DUMP_INTR}; redoes interrupted dumps; sends batches in chunks and matches every ACK.
 * Each exchange is a {@link NetlinkExchangeEvent} while JFR is in use and a line of
 * {@link System.Logger} {@code io.jnetlink.netlink}: refused and failed ones at DEBUG, every other
 * one at TRACE (see {@link OperationObserver}). Used under the socket's lock.
 */
final class Exchange {

    static final int MAX_DUMP_ATTEMPTS = 8;
    /** A batch is sent in chunks: well under the default 208 KiB send buffer, few enough ACKs to queue. */
    static final long MAX_CHUNK_BYTES = 64 * 1024;
    static final int MAX_CHUNK_MESSAGES = 256;

    /**
     * How an exchange ended.
     *
     * @param interrupted a reply carried {@code NLM_F_DUMP_INTR}
     * @param failure     the kernel's error for a single request, or null
     */
    record Outcome(boolean interrupted, NetlinkErrorException failure) {
        static final Outcome DONE = new Outcome(false, null);
        static final Outcome INTERRUPTED = new Outcome(true, null);
    }

    /** The exchanges' JFR events and their log lines, through {@link System.Logger} {@code io.jnetlink.netlink}. */
    private static final OperationObserver<NetlinkExchangeEvent> OBSERVER =
            new OperationObserver<>(System.getLogger("io.jnetlink.netlink"), NetlinkExchangeEvent::new);

    private final NetlinkSocket socket;
    private final ExtendedAck acks = new ExtendedAck();
    private int sequence = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE / 2);
    /** While {@link #get} runs: the errno that means "none", made into no stack trace; else 0. */
    private int absentErrno;

    Exchange(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** One request: its ACK, or the kernel's error thrown; whether a reply said {@code NLM_F_DUMP_INTR}. */
    boolean request(NetlinkWriter request, Consumer<MessageCursor> handler) {
        Outcome outcome = run(request.buffer(), 0, singleMessageLength(request), null, 1, handler, null, 0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.interrupted();
    }

    /** A dump, mapped; redone while the kernel flags it interrupted, up to {@link #MAX_DUMP_ATTEMPTS} times. */
    <T> List<T> dump(NetlinkWriter request, Function<MessageCursor, T> mapper) {
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
                throw new DumpInterruptedException(socket.operationName(request.buffer(), 0), attempt);
            }
        }
    }

    /**
     * A request answered by at most one object: that object mapped, or empty when the kernel says
     * {@code absentErrno} (ENODEV for a link), without the cost of an exception's stack trace.
     */
    <T> Optional<T> get(NetlinkWriter request, Function<MessageCursor, T> mapper, int absentErrno) {
        this.absentErrno = absentErrno;
        try {
            List<T> found = dump(request, mapper);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        } catch (NetlinkErrorException e) {
            if (e.errno().number() == absentErrno) {
                return Optional.empty();
            }
            throw e;
        } finally {
            this.absentErrno = 0;
        }
    }

    /** Every message of {@code requests}, in chunks of at most {@code perSend} messages and {@link #MAX_CHUNK_BYTES}. */
    BatchResult batch(NetlinkWriter requests, int perSend) {
        if (perSend < 1 || perSend > MAX_CHUNK_MESSAGES) {
            throw new IllegalArgumentException("perSend: " + perSend + " is outside 1.." + MAX_CHUNK_MESSAGES);
        }
        MemorySegment buffer = requests.buffer();
        long[] offsets = messageOffsets(requests);
        int count = offsets.length - 1;
        NetlinkErrorException[] failures = new NetlinkErrorException[count];
        int first = 0;
        while (first < count) {
            int last = first + 1;
            while (last < count && last - first < perSend && offsets[last + 1] - offsets[first] <= MAX_CHUNK_BYTES) {
                last++;
            }
            run(buffer, offsets[first], offsets[last] - offsets[first], offsets, last - first, null, failures, first);
            first = last;
        }
        return new BatchResult(failures);
    }

    /**
     * Sends the {@code count} messages at {@code [offset, offset + length)} of {@code buffer},
     * each with {@code NLM_F_REQUEST | NLM_F_ACK} and a sequence number of its own, then reads
     * until all of them have ended. Replies other than the terminal ones go to {@code handler}
     * (may be null). A failure of message {@code i} goes to {@code failures[base + i]}, or, when
     * {@code failures} is null (a single request), into the outcome.
     *
     * @param offsets where each message starts (count entries), or null for a single message at {@code offset}
     */
    Outcome run(MemorySegment buffer, long offset, long length, long[] offsets, int count,
                Consumer<MessageCursor> handler, NetlinkErrorException[] failures, int base) {
        int firstSeq = nextSequence(count);
        NetlinkExchangeEvent event = OBSERVER.begin();
        try {
            Outcome outcome = exchange(buffer, offset, length, offsets, count, handler, failures, base, firstSeq);
            observe(event, buffer, offset, firstSeq, count, outcome, failures, base, null);
            return outcome;
        } catch (RuntimeException e) {
            observe(event, buffer, offset, firstSeq, count, null, failures, base, e);
            throw e;
        }
    }

    /**
     * Records the exchange as a JFR event and a log line (DEBUG if it failed or the kernel refused
     * a message, TRACE otherwise); builds nothing when nothing records it.
     */
    private void observe(NetlinkExchangeEvent event, MemorySegment buffer, long offset, int firstSeq, int count,
                         Outcome outcome, NetlinkErrorException[] failures, int base, RuntimeException thrown) {
        NetlinkErrorException first = outcome != null && outcome.failure() != null ? outcome.failure()
                : firstRefusal(failures, base, count);
        RuntimeException failure = thrown != null ? thrown : first;
        OperationObserver.Outcome observed = OperationObserver.Outcome.of(failure);
        if (!OBSERVER.end(event, observed)) {
            return;
        }
        int refused = refusals(failures, base, count);
        // a batch of several kinds of request is named by the one the kernel refused, if any
        String operation = first != null && first.operation() != null ? first.operation()
                : socket.operationName(buffer, offset);
        String result = thrown != null ? "failed" : first != null ? "error" : outcome.interrupted() ? "interrupted" : "ok";
        String errno = first != null ? first.errnoName() : thrown instanceof ErrnoException e ? e.errnoName() : null;
        OBSERVER.report(event, observed, recorded -> {
            recorded.operation = operation;
            recorded.namespace = socket.namespace();
            recorded.sequence = firstSeq;
            recorded.messages = count;
            recorded.outcome = result;
            recorded.failures = refused;
            recorded.errno = errno;
            recorded.extendedAck = first == null ? null : first.kernelMessage().orElse(null);
        }, () -> operation + " in " + socket.namespace() + " seq " + firstSeq + " (" + count + " message(s)): "
                + result + (failure == null ? "" : ": " + failure.getMessage()));
    }

    /** The first of a batch chunk's messages the kernel refused, or null. */
    private static NetlinkErrorException firstRefusal(NetlinkErrorException[] failures, int base, int count) {
        if (failures != null) {
            for (int i = base; i < base + count; i++) {
                if (failures[i] != null) {
                    return failures[i];
                }
            }
        }
        return null;
    }

    /** How many of a batch chunk's messages the kernel refused. */
    private static int refusals(NetlinkErrorException[] failures, int base, int count) {
        int refused = 0;
        if (failures != null) {
            for (int i = base; i < base + count; i++) {
                refused += failures[i] == null ? 0 : 1;
            }
        }
        return refused;
    }

    private Outcome exchange(MemorySegment buffer, long offset, long length, long[] offsets, int count,
                             Consumer<MessageCursor> handler, NetlinkErrorException[] failures, int base,
                             int firstSeq) {
        if (offsets == null) {
            stamp(buffer, offset, firstSeq);
        } else {
            for (int i = 0; i < count; i++) {
                stamp(buffer, offsets[base + i], firstSeq + i);
            }
        }
        socket.send(buffer, offset, length);
        int pending = count;
        boolean interrupted = false;
        NetlinkErrorException single = null;
        while (pending > 0) {
            MessageCursor replies = socket.receive(buffer, offset);
            if (replies == null) {
                continue; // a datagram from another port
            }
            while (replies.next()) {
                int index = replies.seq() - firstSeq;
                if (index < 0 || index >= count || replies.pid() != socket.portId()) {
                    continue; // a stale reply to an earlier, abandoned request, or a notification
                }
                interrupted |= (replies.flags() & Netlink.NLM_F_DUMP_INTR) != 0;
                int type = replies.type();
                if (type == Netlink.NLMSG_ERROR || type == Netlink.NLMSG_DONE) {
                    NetlinkErrorException failure = failure(replies, buffer, offsets == null ? offset
                            : offsets[base + index]);
                    if (failures != null) {
                        failures[base + index] = failure;
                    } else {
                        single = failure;
                    }
                    pending--;
                } else if (type == Netlink.NLMSG_OVERRUN) {
                    throw new NetlinkException(socket.operationName(buffer, offset)
                            + ": kernel reported NLMSG_OVERRUN");
                } else if (type >= Netlink.NLMSG_MIN_TYPE && handler != null) {
                    handler.accept(replies);
                }
            }
        }
        if (single != null) {
            return new Outcome(interrupted, single);
        }
        return interrupted ? Outcome.INTERRUPTED : Outcome.DONE;
    }

    private NetlinkErrorException failure(MessageCursor reply, MemorySegment buffer, long requestOffset) {
        if (reply.payloadLength() >= 4 && reply.payloadS32(0) == 0) {
            return null; // the common ACK: no operation name needed
        }
        return acks.error(reply, socket.protocol(), socket.operationName(buffer, requestOffset), absentErrno);
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

    private static int singleMessageLength(NetlinkWriter request) {
        long written = request.position();
        if (written < Netlink.NLMSG_HDRLEN) {
            throw new IllegalArgumentException("request: holds " + written + " bytes, no complete message");
        }
        int length = request.buffer().get(ValueLayout.JAVA_INT_UNALIGNED, 0);
        if (Netlink.align(length) != written || length < Netlink.NLMSG_HDRLEN) {
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
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[n++] = cursor.offset();
        }
        if (n == 0) {
            throw new IllegalArgumentException("requests: the batch holds no message");
        }
        offsets[n] = requests.position();
        return Arrays.copyOf(offsets, n + 1);
    }
}
