package io.jnetlink.macvlan;

import io.jnetlink.core.BatchResult;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetNs;
import io.jnetlink.core.NetNsThread;
import io.jnetlink.core.NetlinkErrorException;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageCursor;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.codec.NetlinkWriter;
import io.jnetlink.core.posix.Capability;
import io.jnetlink.core.rtnl.Rtnetlink;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The entry point: rtnetlink bound to one network namespace for its whole life, giving
 * {@link #links()}, {@link #bulk()}, {@link #macvlans()}, {@link #addresses()}, {@link #routes()},
 * {@link #rules()}, {@link #neighbours()}, {@link #subscribe events} and {@link #watch list-then-watch}.
 * Opening one for another namespace never moves the caller's thread, and it never acts on any
 * namespace but its own (links created "into" another namespace are the one exception, and say
 * so). Thread-safe: requests take turns on one socket.
 * {@link #close()} is idempotent; any use after it fails naming the namespace and the operation.
 *
 * <pre>{@code
 * try (RtNetlink rt = RtNetlink.openNamed("blue")) {
 *     rt.links().create(Macvlan.of("macvlan1", "eth0").withMode(MacvlanMode.BRIDGE));
 * }
 * }</pre>
 */
public final class RtNetlink implements AutoCloseable {

    /** Writes one request for an argument and a number (an index, flags) without capturing anything. */
    @FunctionalInterface
    interface Request<A> {
        void write(NetlinkWriter w, A argument, int number);
    }

    /** Names a request in errors, e.g. {@code set link eth0 up}; only called when it fails. */
    @FunctionalInterface
    interface Operation<A> {
        String describe(A argument, int number);
    }

    private final NetNs netns;
    private final boolean ownsNetns;
    private final NetlinkSocket socket;
    private final NetlinkWriter writer; // the socket's memory: no arena of its own to free
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkCodec linkCodec = new LinkCodec();
    private final Links links = new Links(this);
    private final BulkLinks bulk = new BulkLinks(this);
    private final MacvlanLinks macvlans = new MacvlanLinks(this);
    private final Addresses addresses = new Addresses(this);
    private final Routes routes = new Routes(this);
    private final Rules rules = new Rules(this);
    private final Neighbours neighbours = new Neighbours(this);
    private boolean closed;

    private RtNetlink(NetNs netns, boolean ownsNetns) {
        this.netns = netns;
        this.ownsNetns = ownsNetns;
        try {
            this.socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, netns);
        } catch (RuntimeException e) {
            if (ownsNetns) {
                netns.close();
            }
            throw e;
        }
        this.writer = socket.requestWriter(); // a fresh socket: cannot be closed yet
    }

    /**
     * For the caller's current namespace (pinned now: later calls from any thread act there).
     * Needs no privilege: an unprivileged process can list links, addresses and routes and
     * subscribe to events; changes need {@code CAP_NET_ADMIN}, and a refusal says so.
     */
    public static RtNetlink open() {
        return new RtNetlink(NetNs.current(), true);
    }

    /**
     * For {@code netns}; the handle stays the caller's to close, after this. A namespace other
     * than the calling thread's is entered once, from a fresh thread, to open the socket: that
     * needs {@code CAP_SYS_ADMIN}, and a refusal names the namespace and the capability.
     */
    public static RtNetlink open(NetNs netns) {
        return new RtNetlink(netns, false);
    }

    /**
     * As {@link #open(NetNs)}, entering {@code netns} on {@code entry}, a thread kept for that,
     * rather than on a fresh one: the cheaper way for a caller that opens entry points in many
     * namespaces (a CNI plugin, one per container). Entering needs {@code CAP_SYS_ADMIN}, even
     * for the caller's own namespace (where {@link #open(NetNs)} needs none).
     */
    public static RtNetlink open(NetNs netns, NetNsThread entry) {
        return entry.call(netns, () -> new RtNetlink(netns, false)); // opened inside: no thread of its own
    }

    /** For a named namespace ({@code ip netns} name). */
    public static RtNetlink openNamed(String name) {
        return new RtNetlink(NetNs.named(name), true);
    }

    /**
     * For the namespace bound at {@code path}.
     *
     * @throws IllegalArgumentException naming the path if it is not a network namespace file
     */
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

    /** {@code ip link}: create, show, set, delete, ensure. */
    public Links links() {
        return links;
    }

    /** Many links at once: batched creation, link-group deletion. */
    public BulkLinks bulk() {
        return bulk;
    }

    /** Settings only macvlans and macvtaps have: mode changes, source-MAC lists. */
    public MacvlanLinks macvlans() {
        return macvlans;
    }

    public Addresses addresses() {
        return addresses;
    }

    public Routes routes() {
        return routes;
    }

    /** {@code ip rule}: policy-routing rules, both families. */
    public Rules rules() {
        return rules;
    }

    /** {@code ip neigh}: the ARP and NDP caches and proxy entries. */
    public Neighbours neighbours() {
        return neighbours;
    }

    /** Changes to send together, in one {@code sendmsg}: see {@link Batch}. */
    public Batch batch() {
        return new Batch(this);
    }

    /**
     * Delivers link, address, route and rule events of this namespace to {@code listener} on a
     * background thread until the returned subscription is closed (as Go's {@code LinkSubscribe},
     * {@code AddrSubscribe}, {@code RouteSubscribe} and {@code RuleSubscribe} together). Needs no privilege in the
     * caller's own namespace.
     */
    public Subscription subscribe(Consumer<NetEvent> listener) {
        return subscribe(Subscription.DEFAULT_KINDS, listener);
    }

    /**
     * As {@link #subscribe(Consumer)}, delivering the events of {@code kinds} only, e.g.
     * {@code EnumSet.of(EventKind.NEIGHBOURS)} ({@code ip monitor neigh}).
     *
     * @throws IllegalArgumentException if {@code kinds} is empty
     */
    public Subscription subscribe(Set<EventKind> kinds, Consumer<NetEvent> listener) {
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("subscribe kinds: name at least one EventKind to watch, got " + kinds);
        }
        for (EventKind kind : kinds) {
            if (kind == null) {
                throw new IllegalArgumentException("subscribe kinds: must not contain null");
            }
        }
        lock.lock();
        try {
            requireOpen("subscribe to events");
            return new Subscription(netns, kinds, listener, NetlinkSocket.Options.DEFAULTS.kernelReceiveBuffer());
        } finally {
            lock.unlock();
        }
    }

    /**
     * List-then-watch: delivers the objects of {@code kinds} as they are now, then
     * {@link NetEvent.Synced}, then their changes, listing again and delivering the difference
     * whenever events were lost, so a listener's copy converges to the kernel's (see {@link Watch}).
     * Runs until the returned watch is closed; needs no privilege in the caller's own namespace.
     *
     * @throws IllegalArgumentException if {@code kinds} is null, empty or holds null, or {@code listener} is null
     */
    public Watch watch(Set<EventKind> kinds, Consumer<NetEvent> listener) {
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("watch kinds: name at least one EventKind to watch, got " + kinds);
        }
        for (EventKind kind : kinds) {
            if (kind == null) {
                throw new IllegalArgumentException("watch kinds: must not contain null");
            }
        }
        if (listener == null) {
            throw new IllegalArgumentException("watch listener: must not be null");
        }
        lock.lock();
        try {
            requireOpen("watch " + kinds);
            return new Watch(this, kinds, listener, NetlinkSocket.Options.DEFAULTS.kernelReceiveBuffer());
        } finally {
            lock.unlock();
        }
    }

    /** Closes the socket (and the namespace handle this opened); closing again does nothing. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                socket.close();
            } finally {
                if (ownsNetns) {
                    netns.close();
                }
            }
        } finally {
            lock.unlock();
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
     * The one way requests are made: takes the lock, writes the request, waits for the ACK, and
     * names a failure as {@code operation} (called only then). Non-capturing {@code request} and
     * {@code operation} make the whole call allocation-free.
     */
    <A> void execute(Request<A> request, A argument, int number, Operation<A> operation) {
        lock.lock();
        try {
            if (closed) {
                throw closedError(operation.describe(argument, number));
            }
            request.write(writer.reset(), argument, number);
            socket.execute(writer);
        } catch (NetlinkErrorException e) {
            throw explained(e.withOperation(operation.describe(argument, number) + " in " + where()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code steps} in one batch and throws the first refusal by position, named as its
     * step names it (as {@link #execute(Request, Object, int, Operation)} names a single request),
     * with the later refusals suppressed in it.
     */
    void execute(List<Batch.Step> steps) {
        BatchResult result;
        lock.lock();
        try {
            if (closed) {
                throw closedError(steps.getFirst().operation().get());
            }
            NetlinkWriter w = writer.reset();
            for (Batch.Step step : steps) {
                step.request().accept(w);
            }
            result = socket.batch(w);
        } finally {
            lock.unlock();
        }
        NetlinkErrorException first = null;
        for (var failure : result.failures().entrySet()) {
            NetlinkErrorException named = explained(failure.getValue().withOperation(
                    steps.get(failure.getKey()).operation().get() + " in " + where()));
            if (first == null) {
                first = named;
            } else {
                first.addSuppressed(named);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** {@link #execute(Request, Object, int, Operation)} for requests that are not on a hot path. */
    void execute(Supplier<String> operation, Consumer<NetlinkWriter> request) {
        execute((w, r, n) -> r.accept(w), request, 0, (r, n) -> operation.get());
    }

    /** Builds a dump request and maps every reply (null results dropped). */
    <T> List<T> dump(String operation, Consumer<NetlinkWriter> request, Function<MessageCursor, T> mapper) {
        lock.lock();
        try {
            requireOpen(operation);
            request.accept(writer.reset());
            return socket.dump(writer, mapper);
        } catch (NetlinkErrorException e) {
            throw e.withOperation(operation + " in " + where());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Builds a get request; empty when the kernel answers {@code notFoundErrno} (an answer that is
     * not renamed as {@code operation}: a lookup of what is absent costs one exception, not two).
     */
    <T> Optional<T> get(String operation, Consumer<NetlinkWriter> request, Function<MessageCursor, T> mapper,
                        int notFoundErrno) {
        lock.lock();
        try {
            requireOpen(operation);
            request.accept(writer.reset());
            return socket.get(writer, mapper, notFoundErrno);
        } catch (NetlinkErrorException e) {
            throw e.withOperation(operation + " in " + where());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} on a thread inside this namespace ({@link NetNs#call}), this handle held
     * open meanwhile: for what only a thread there can do, such as writing {@code /proc/sys/net}.
     */
    <T> T inside(String operation, NetNs.Task<T, RuntimeException> task) {
        lock.lock();
        try {
            requireOpen(operation);
            return netns.call(task);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The id this namespace knows {@code other} by ({@code ip netns list-id}), assigning one if it
     * has none yet, as the kernel itself does when a link spans the two.
     */
    int nsidOf(NetNs other) {
        int id = queryNsid(other);
        if (id == Rtnetlink.NETNSA_NSID_NOT_ASSIGNED) {
            execute(() -> "assign a namespace id to " + other.description(), w -> {
                long m = w.beginMessage(Rtnetlink.RTM_NEWNSID, 0);
                w.familyHeader(Rtnetlink.RTGENMSG_SIZE);
                w.putU32(Rtnetlink.NETNSA_FD, other.fd());
                w.putS32(Rtnetlink.NETNSA_NSID, Rtnetlink.NETNSA_NSID_NOT_ASSIGNED); // the kernel picks
                w.endMessage(m);
            });
            id = queryNsid(other);
        }
        return id;
    }

    private int queryNsid(NetNs other) {
        AttributeCursor a = new AttributeCursor();
        return dump("get the namespace id of " + other.description(), w -> {
            long m = w.beginMessage(Rtnetlink.RTM_GETNSID, 0);
            w.familyHeader(Rtnetlink.RTGENMSG_SIZE);
            w.putU32(Rtnetlink.NETNSA_FD, other.fd());
            w.endMessage(m);
        }, reply -> reply.attributes(Rtnetlink.RTGENMSG_SIZE, a).find(Rtnetlink.NETNSA_NSID) ? a.s32() : null)
                .stream().findFirst().orElse(Rtnetlink.NETNSA_NSID_NOT_ASSIGNED);
    }

    /** Sends the requests {@code build} writes into a writer of {@code capacity} bytes, as one batch. */
    BatchResult batch(String operation, long capacity, int perSend, Consumer<NetlinkWriter> build) {
        lock.lock();
        try (Arena batchArena = Arena.ofConfined()) {
            requireOpen(operation);
            NetlinkWriter batchWriter = NetlinkWriter.allocate(batchArena, capacity);
            build.accept(batchWriter);
            return socket.batch(batchWriter, perSend);
        } finally {
            lock.unlock();
        }
    }

    /** A refusal for want of privilege says which capability the change needs. */
    private static NetlinkErrorException explained(NetlinkErrorException e) {
        if (e.errno().number() != Errno.EPERM) {
            return e;
        }
        return Capability.NET_ADMIN.explainMissing("changing a network namespace").map(e::withExplanation).orElse(e);
    }

    private void requireOpen(String operation) {
        if (closed) {
            throw closedError(operation);
        }
    }

    private IllegalStateException closedError(String operation) {
        return new IllegalStateException(operation + " in " + where() + ": this RtNetlink was closed");
    }
}
