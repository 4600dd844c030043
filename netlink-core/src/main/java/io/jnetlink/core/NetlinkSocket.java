package io.jnetlink.core;

import io.jnetlink.core.internal.Syscalls;

import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;


/**
 * A netlink socket bound in one network namespace for its whole life. Opening it in another
 * namespace happens on a short-lived platform thread, so the caller's thread never moves.
 * Turns on {@code NETLINK_EXT_ACK}, {@code NETLINK_CAP_ACK} and {@code NETLINK_GET_STRICT_CHK};
 * reads every reply into one reused receive buffer and checks truncation ({@code MSG_TRUNC}). A
 * closed socket's native memory (of the default receive buffer size) is kept for the next one
 * opened, a few blocks at most: freeing it would stop every thread of the JVM for a moment.
 * Requests and their replies are matched by an {@link Exchange}; kernel errors are read by
 * {@link ExtendedAck}.
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


    private final int protocol;
    private final String namespace;
    private final int fd;
    private final int portId;
    private final Options options;
    private final SocketMemory memory;
    private final MemorySegment receiveBuffer;
    private final MemorySegment errnoState;
    private final MemorySegment kernelAddress;
    private final MemorySegment from;
    private final MemorySegment fromLength;
    private final MemorySegment pollFds;
    private final ReentrantLock lock = new ReentrantLock();
    private final MessageCursor replies = new MessageCursor();
    private final Exchange exchange = new Exchange(this);
    /** An eventfd that {@link #cancelReceive} signals; made when a group is joined, -1 before. */
    private volatile int cancelFd = -1;
    /** Made by the first {@link #requestWriter()}, under the lock. */
    private NetlinkWriter requestWriter;
    /** Orders {@link #cancelReceive} against {@link #close}, so no signal goes to a closed descriptor. */
    private final Object cancelGuard = new Object();
    private volatile boolean closed;

    private NetlinkSocket(int protocol, String namespace, int fd, Options options) {
        this.protocol = protocol;
        this.namespace = namespace;
        this.fd = fd;
        this.options = options;
        this.memory = SocketMemory.take(options.receiveBufferSize());
        this.receiveBuffer = memory.receiveBuffer;
        this.errnoState = memory.errnoState;
        this.kernelAddress = memory.kernelAddress;
        this.from = memory.from;
        this.fromLength = memory.fromLength;
        this.pollFds = memory.pollFds;
        try {
            configure();
            MemorySegment local = memory.local.fill((byte) 0);
            local.set(ValueLayout.JAVA_SHORT, 0, (short) Syscalls.AF_NETLINK);
            Syscalls.bind(fd, local);
            Syscalls.getsockname(fd, local);
            this.portId = local.get(ValueLayout.JAVA_INT, 4);
        } catch (RuntimeException e) {
            memory.release(); // the descriptor is the caller's to close
            throw e;
        }
    }

    /** Opens a socket of {@code protocol} (e.g. {@link Netlink#NETLINK_ROUTE}) in the current namespace. */
    public static NetlinkSocket open(int protocol) {
        return open(protocol, null, Options.DEFAULTS);
    }

    /**
     * Opens a socket of {@code protocol} inside {@code ns}; the calling thread stays where it is.
     * In the caller's own namespace this needs no privilege; another one is entered from a fresh
     * thread, which needs {@code CAP_SYS_ADMIN} (the error says so).
     */
    public static NetlinkSocket open(int protocol, NetNs ns) {
        return open(protocol, ns, Options.DEFAULTS);
    }

    /**
     * Opens a socket with explicit options; {@code ns} null means the caller's namespace. An
     * interrupt while the socket is being opened in another namespace does not abandon it: the
     * socket is returned and the thread's interrupt flag stays set.
     */
    public static NetlinkSocket open(int protocol, NetNs ns, Options options) {
        int type = Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC;
        int fd;
        if (ns == null) {
            fd = Syscalls.socket(Syscalls.AF_NETLINK, type, protocol);
        } else {
            fd = ns.inside("open a netlink socket", () -> Syscalls.socket(Syscalls.AF_NETLINK, type, protocol));
        }
        try {
            return new NetlinkSocket(protocol, ns == null ? "the caller's namespace" : ns.description(), fd, options);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    public int protocol() {
        return protocol;
    }

    /** The network namespace the socket was opened in, as {@link NetNs#description()} names it. */
    public String namespace() {
        return namespace;
    }

    /** The port id the kernel assigned at bind time. */
    public int portId() {
        return portId;
    }

    public Options options() {
        return options;
    }

    /**
     * A writer for requests, on 64 KiB of this socket's memory: made by the first call, the same one
     * after. For a caller that writes one request at a time under a lock of its own, as an entry
     * point of a higher layer does; it saves that caller memory of its own to free (freeing shared
     * native memory stops every thread for a moment). Valid until {@link #close}: writing to it
     * after fails.
     */
    public NetlinkWriter requestWriter() {
        lock.lock();
        try {
            requireOpen("make a request writer");
            if (requestWriter == null) {
                requestWriter = new NetlinkWriter(memory.requestBuffer());
            }
            return requestWriter;
        } finally {
            lock.unlock();
        }
    }

    /** Subscribes to a multicast group (e.g. {@link Rtnetlink#RTNLGRP_LINK}). */
    public void joinGroup(int group) {
        lock.lock();
        try {
            requireOpen("join multicast group " + group);
            Syscalls.setsockoptInt(fd, Syscalls.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group,
                    "NETLINK_ADD_MEMBERSHIP " + group);
            if (cancelFd < 0) {
                cancelFd = Syscalls.eventfd();
            }
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            requireOpen("request");
            return exchange.request(request, handler);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a dump request and maps each reply with {@code mapper} (null results are dropped).
     * When the kernel flags the dump as interrupted by concurrent changes, it is redone, up to
     * {@value Exchange#MAX_DUMP_ATTEMPTS} times, then {@link DumpInterruptedException}.
     */
    public <T> List<T> dump(NetlinkWriter request, Function<MessageCursor, T> mapper) {
        lock.lock();
        try {
            requireOpen("dump");
            return exchange.dump(request, mapper);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a request the kernel answers with one object or, when there is none, with
     * {@code absentErrno} (e.g. {@code RTM_GETLINK} by name and ENODEV): the object mapped, or
     * empty. The absent case builds no exception stack trace, so a lookup that finds nothing
     * costs no more than one that finds something. Other errors are thrown.
     */
    public <T> Optional<T> get(NetlinkWriter request, Function<MessageCursor, T> mapper, int absentErrno) {
        lock.lock();
        try {
            requireOpen("get");
            return exchange.get(request, mapper, absentErrno);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends every message in {@code requests} with {@code NLM_F_ACK}, many per {@code sendmsg},
     * and matches every ACK to its request by sequence number. Each request's outcome is
     * reported; replies other than ACKs are ignored.
     */
    public BatchResult batch(NetlinkWriter requests) {
        return batch(requests, Exchange.MAX_CHUNK_MESSAGES);
    }

    /**
     * As {@link #batch(NetlinkWriter)}, with at most {@code perSend} requests (1..256) in one
     * {@code sendmsg}.
     */
    public BatchResult batch(NetlinkWriter requests, int perSend) {
        lock.lock();
        try {
            requireOpen("batch");
            return exchange.batch(requests, perSend);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to the receive timeout for one datagram of notifications (multicast messages,
     * sequence 0) and passes each message to {@code handler}. Returns false on timeout, and at
     * once, now and from then on, after {@link #cancelReceive}. Join a group first.
     *
     * @throws SyscallException with errno {@code ENOBUFS} when the kernel dropped notifications
     *                          because they were not read fast enough; re-list to resynchronise
     */
    public boolean receiveNotifications(Consumer<MessageCursor> handler) {
        lock.lock();
        try {
            requireOpen("receive notifications");
            int wake = cancelFd;
            if (wake < 0) {
                throw new IllegalStateException("receiveNotifications: join a multicast group first");
            }
            if (!Syscalls.pollReadable(errnoState, pollFds, fd, wake, timeoutMillis())) {
                return false;
            }
            long n = Syscalls.recvfrom(errnoState, fd, receiveBuffer, Syscalls.MSG_DONTWAIT, from, fromLength);
            if (n < 0) {
                return true; // readable was an error the next call reports, or a datagram someone else took
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

    /**
     * Reads and drops the notifications queued now, without waiting, until the queue is empty;
     * returns how many datagrams it dropped. For a reader told of {@code ENOBUFS} that lists again:
     * the kernel reports no further loss until the queue that overflowed has been emptied, and what
     * is dropped here is older than the listing that follows. A loss reported meanwhile is
     * dropped with the rest, for the same reason.
     */
    public int discardNotifications() {
        lock.lock();
        try {
            requireOpen("discard notifications");
            int datagrams = 0;
            while (true) {
                try {
                    if (Syscalls.recvfrom(errnoState, fd, receiveBuffer, Syscalls.MSG_DONTWAIT, from, fromLength) < 0) {
                        return datagrams;
                    }
                    datagrams++;
                } catch (SyscallException e) {
                    if (e.errno().number() != Errno.ENOBUFS) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes a {@link #receiveNotifications} blocked in another thread, and every later one, return
     * false at once: how a reader thread is stopped promptly. Does not take the lock.
     */
    public void cancelReceive() {
        synchronized (cancelGuard) {
            int wake = cancelFd;
            if (wake >= 0 && !closed) {
                Syscalls.signal(wake);
            }
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Closes the socket after any exchange in progress has finished; closing again does nothing. */
    @Override
    public void close() {
        lock.lock();
        try {
            synchronized (cancelGuard) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            try {
                Syscalls.close(fd);
                if (cancelFd >= 0) {
                    Syscalls.close(cancelFd);
                }
            } finally {
                if (requestWriter != null) {
                    requestWriter.retire(); // its memory goes on to the next socket
                }
                replies.wrap(MemorySegment.NULL, 0, 0); // nor may a cursor handed out read it
                memory.release();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code length} bytes at {@code offset} of {@code buffer} to the kernel. */
    void send(MemorySegment buffer, long offset, long length) {
        try {
            MemorySegment start = offset == 0 ? buffer : buffer.asSlice(offset, length);
            Syscalls.sendto(errnoState, fd, start, length, kernelAddress);
        } catch (SyscallException e) {
            if (e.errno().number() == Errno.EMSGSIZE) {
                throw new NetlinkException("send " + operationName(buffer, offset) + ": request of " + length
                        + " bytes is larger than the socket's send buffer", e);
            }
            throw e;
        }
    }

    /**
     * Receives one datagram into the receive buffer and returns a cursor over its messages, or
     * null if it came from another port than the kernel's. The request at {@code requestOffset}
     * of {@code request} names the operation in errors (built only on failure).
     */
    MessageCursor receive(MemorySegment request, long requestOffset) {
        long n = Syscalls.recvfrom(errnoState, fd, receiveBuffer, 0, from, fromLength);
        if (n < 0) {
            throw new NetlinkException(operationName(request, requestOffset) + ": no reply from the kernel within "
                    + options.receiveTimeout());
        }
        if (n > receiveBuffer.byteSize()) {
            throw truncated(n, operationName(request, requestOffset));
        }
        if (from.get(ValueLayout.JAVA_INT, 4) != 0) {
            return null;
        }
        return replies.wrap(receiveBuffer, 0, n);
    }

    /** The kernel's name of the request at {@code offset}, e.g. {@code RTM_NEWLINK}. */
    String operationName(MemorySegment buffer, long offset) {
        return ExtendedAck.operationName(protocol,
                Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 4)));
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
        MemorySegment timeval = memory.timeval;
        Duration timeout = options.receiveTimeout();
        long micros = timeout.toNanosPart() / 1000;
        timeval.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
        timeval.set(ValueLayout.JAVA_LONG, 8, timeout.toSeconds() == 0 && micros == 0 ? 1 : micros);
        Syscalls.setsockopt(fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVTIMEO, timeval, "SO_RCVTIMEO");
    }

    private int timeoutMillis() {
        long millis = options.receiveTimeout().toMillis();
        return (int) Math.clamp(millis, 1, Integer.MAX_VALUE);
    }

    /** Refuses {@code operation} on a closed socket, naming the socket. */
    private void requireOpen(String operation) {
        if (closed) {
            throw new IllegalStateException(operation + ": netlink socket (protocol " + protocol + ", port " + portId
                    + ", in " + namespace + ") is closed");
        }
    }

    private NetlinkException truncated(long received, String operation) {
        return new NetlinkException(operation + ": a reply of " + received + " bytes was truncated to the "
                + receiveBuffer.byteSize() + "-byte receive buffer (MSG_TRUNC); open the socket with a larger "
                + "Options.receiveBufferSize");
    }
}
