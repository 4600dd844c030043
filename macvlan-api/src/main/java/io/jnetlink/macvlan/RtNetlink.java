package io.jnetlink.macvlan;

import io.jnetlink.core.BatchResult;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The entry point: rtnetlink bound to one network namespace for its whole life, giving
 * {@link #links()}, {@link #addresses()}, {@link #routes()} and {@link #subscribe events}.
 * Opening one for another namespace never moves the caller's thread, and it never acts on any
 * namespace but its own (links created "into" another namespace are the one exception, and say
 * so). Thread-safe: requests take turns on one socket.
 *
 * <pre>{@code
 * try (RtNetlink rt = RtNetlink.openNamed("blue")) {
 *     rt.links().create(Macvlan.of("macvlan1", "eth0").withMode(MacvlanMode.BRIDGE));
 * }
 * }</pre>
 */
public final class RtNetlink implements AutoCloseable {

    private static final int REQUEST_BUFFER = 64 * 1024;

    private final NetNs netns;
    private final boolean ownsNetns;
    private final NetlinkSocket socket;
    private final Arena arena = Arena.ofShared();
    private final NetlinkWriter writer = NetlinkWriter.allocate(arena, REQUEST_BUFFER);
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkCodec linkCodec = new LinkCodec();
    private final Links links = new Links(this);
    private final Addresses addresses = new Addresses(this);
    private final Routes routes = new Routes(this);

    private RtNetlink(NetNs netns, boolean ownsNetns) {
        this.netns = netns;
        this.ownsNetns = ownsNetns;
        try {
            this.socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, netns);
        } catch (RuntimeException e) {
            arena.close();
            if (ownsNetns) {
                netns.close();
            }
            throw e;
        }
    }

    /** For the caller's current namespace (pinned now: later calls from any thread act there). */
    public static RtNetlink open() {
        return new RtNetlink(NetNs.current(), true);
    }

    /** For {@code netns}; the handle stays the caller's to close, after this. */
    public static RtNetlink open(NetNs netns) {
        return new RtNetlink(netns, false);
    }

    /** For a named namespace ({@code ip netns} name). */
    public static RtNetlink openNamed(String name) {
        return new RtNetlink(NetNs.named(name), true);
    }

    /** For the namespace bound at {@code path}. */
    public static RtNetlink openPath(Path path) {
        return new RtNetlink(NetNs.path(path), true);
    }

    /** For the namespace of process {@code pid}. */
    public static RtNetlink openPid(long pid) {
        return new RtNetlink(NetNs.pid(pid), true);
    }

    /** The namespace this entry point acts in. */
    public NetNs netns() {
        return netns;
    }

    public Links links() {
        return links;
    }

    public Addresses addresses() {
        return addresses;
    }

    public Routes routes() {
        return routes;
    }

    /**
     * Delivers link and address events of this namespace to {@code listener} on a background
     * thread until the returned subscription is closed.
     */
    public Subscription subscribe(Consumer<NetEvent> listener) {
        return new Subscription(netns, listener, NetlinkSocket.Options.DEFAULTS.kernelReceiveBuffer());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } finally {
            arena.close();
            if (ownsNetns) {
                netns.close();
            }
        }
    }

    @Override
    public String toString() {
        return "RtNetlink[" + netns.description() + "]";
    }

    String where() {
        return "network namespace " + netns.description();
    }

    LinkCodec linkCodec() {
        return linkCodec;
    }

    /**
     * Builds one request and waits for its ACK; kernel errors are described as {@code operation},
     * which is only evaluated if the request fails.
     */
    void execute(Supplier<String> operation, Consumer<NetlinkWriter> request) {
        NetlinkWriter w = beginRequest();
        try {
            request.accept(w);
            sendRequest();
        } catch (NetlinkErrorException e) {
            throw e.withOperation(operation.get() + " in " + where());
        } finally {
            endRequest();
        }
    }

    /**
     * For hot paths, without lambdas: takes the request lock and returns the emptied request
     * writer. Write one request, call {@link #sendRequest()}, and always {@link #endRequest()}.
     */
    NetlinkWriter beginRequest() {
        lock.lock();
        return writer.reset();
    }

    /** Sends the request written since {@link #beginRequest()} and waits for its ACK. */
    void sendRequest() {
        socket.execute(writer);
    }

    /** Releases the request lock. */
    void endRequest() {
        lock.unlock();
    }

    /** Builds a dump request and maps every reply (null results dropped). */
    <T> List<T> dump(String operation, Consumer<NetlinkWriter> request, Function<MessageCursor, T> mapper) {
        lock.lock();
        try {
            request.accept(writer.reset());
            return socket.dump(writer, mapper);
        } catch (NetlinkErrorException e) {
            throw e.withOperation(operation + " in " + where());
        } finally {
            lock.unlock();
        }
    }

    /** Builds a get request; empty when the kernel answers {@code notFoundErrno}. */
    <T> Optional<T> get(String operation, Consumer<NetlinkWriter> request, Function<MessageCursor, T> mapper,
                        int notFoundErrno) {
        try {
            List<T> found = dump(operation, request, mapper);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        } catch (NetlinkErrorException e) {
            if (e.errno().number() == notFoundErrno) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sends the requests {@code build} writes into a writer of {@code capacity} bytes, as one batch. */
    BatchResult batch(long capacity, int perSend, Consumer<NetlinkWriter> build) {
        try (Arena batchArena = Arena.ofConfined()) {
            NetlinkWriter batchWriter = NetlinkWriter.allocate(batchArena, capacity);
            build.accept(batchWriter);
            return socket.batch(batchWriter, perSend);
        }
    }
}
